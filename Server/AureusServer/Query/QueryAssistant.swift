import AureusCore
import AureusGPU
import AureusProtocol
import Logging

/// `query.ask`: a question to the local Ollama model, its answer checked like typed SQL.
///
/// The proposed statement goes through the statement guard and is then prepared (not run) by
/// the engine as the asking role, so a proposal that would be refused is refused here, with
/// the SQL in `data.sql` for the user to see and fix.
struct QueryAssistant: Sendable {
    let queries: QueryService
    let configuration: ServerConfiguration
    let clock: any WallClock
    let recorder: @Sendable (OllamaGenerationStat) -> Void

    func ask(_ params: QueryAskParams, caller: AuthenticatedSession) async throws -> (QueryAskResult, AuditNote) {
        let question = params.question.trimmingWhitespace()
        guard !question.isEmpty else { throw RPCError(.invalidParams, reason: "ask a question") }
        guard let model = configuration.queryModel else {
            throw RPCError(
                .unavailable,
                reason: "natural-language questions are off: start aureusd with --query-model MODEL (an Ollama model, e.g. qwen2.5-coder:7b)"
            )
        }
        let engine = try queries.readyEngine()
        let datasets = queries.currentDatasets
        let client: OllamaClient
        do {
            client = try OllamaClient(baseURL: configuration.ollama.baseURL, clock: clock, recorder: recorder)
        } catch {
            throw RPCError(.unavailable, reason: "Ollama base URL is unusable: \(error)")
        }
        let generation: OllamaClient.Generation
        do {
            generation = try await client.chat(
                model: model,
                messages: SQLQuestionPrompt.messages(
                    question: question,
                    ddl: datasets.map { DatasetViewSQL.ddl($0, role: caller.role) },
                    dialect: engine.dialect
                ),
                extra: ["format": "json", "options": ["temperature": .int(0)]],
                timeout: .seconds(120)
            )
        } catch {
            throw RPCError(.unavailable, reason: "Ollama at \(configuration.ollama.baseURL) could not answer: \(error)")
        }
        let answer = try SQLQuestionPrompt.answer(generation.text)
        do {
            let statement = try StatementGuard(datasets: Set(datasets.map(\.name))).check(answer.sql)
            let cursor = try await engine.start(statement, role: caller.role, datasets: datasets, timeout: .seconds(5))
            await cursor.close()
        } catch let refusal as QueryRefusal {
            throw RPCError(
                .invalidParams,
                reason: "the model proposed a statement that is refused: \(refusal.reason)",
                message: "Query refused",
                extra: ["refusal": .string(refusal.rule.rawValue), "sql": .string(answer.sql)]
            )
        }
        let result = QueryAskResult(
            question: question,
            sql: answer.sql,
            explanation: answer.explanation,
            model: model,
            elapsedMilliseconds: generation.stat.latencyMilliseconds
        )
        return (result, AuditNote(target: nil, result: ["sql": .string(answer.sql), "model": .string(model)]))
    }
}
