import AureusClient
import AureusProtocol
import AureusTUI
import Foundation

/// Performs the REPL's requests on the connection and reports back through the inbox, with
/// the round trip of each query request measured here, at the edge.
enum ReplRequestRunner {
    static func perform(_ request: ReplRequest, connection: AureusConnection, inbox: UIInbox, trace: QueryTraceLog?) async {
        switch request {
        case .run(let id, let params):
            await page(id: id, RPCMethods.queryRun.name, params, connection: connection, inbox: inbox, trace: trace)
        case .fetch(let id, let params):
            await page(id: id, RPCMethods.queryFetch.name, params, connection: connection, inbox: inbox, trace: nil)
        case .cancel(let id, let cursor):
            let result: QueryCancelResult? = try? await connection.call(RPCMethods.queryCancel.name, QueryCancelParams(cursor: cursor))
            inbox.push(.repl(.cancelled(id: id, wasRunning: result?.cancelled ?? false)))
        case .ask(let question):
            do {
                let proposal: QueryAskResult = try await connection.call(
                    RPCMethods.queryAsk.name,
                    QueryAskParams(question: question),
                    timeout: .seconds(180)
                )
                inbox.push(.repl(.proposal(proposal)))
            } catch {
                inbox.push(.repl(.askFailed(reason: QueryStreamer.reason(error))))
            }
        case .listDatasets:
            do {
                let list: DatasetsListResult = try await connection.call(RPCMethods.datasetsList.name, [String: String]())
                inbox.push(.repl(.datasets(list.datasets)))
            } catch {
                inbox.push(.repl(.datasetsFailed(reason: QueryStreamer.reason(error))))
            }
        case .describe(let name):
            do {
                let description: DatasetDescription = try await connection.call(RPCMethods.datasetsDescribe.name, DatasetsDescribeParams(name: name))
                inbox.push(.repl(.described(description)))
            } catch {
                inbox.push(.repl(.describeFailed(name: name, reason: QueryStreamer.reason(error))))
            }
        case .export(let job):
            do {
                let summary = try await QueryExport.run(job, connection: connection)
                inbox.push(.repl(.exported(path: job.path, rows: summary.rows, truncated: summary.truncated, evidenceID: summary.evidenceID)))
            } catch {
                inbox.push(.repl(.exportFailed(path: job.path, reason: QueryStreamer.reason(error))))
            }
        case .saveHistory:
            // Written on the UI thread, in order (DashboardUI); never sent here.
            break
        }
    }

    private static func page(
        id: Int,
        _ method: String,
        _ params: some Encodable,
        connection: AureusConnection,
        inbox: UIInbox,
        trace: QueryTraceLog?
    ) async {
        let started = ContinuousClock.now
        do {
            let page = try await QueryStreamer.call(connection, method, params)
            trace?.received(id)
            let elapsed = (ContinuousClock.now - started) / .milliseconds(1)
            inbox.push(.repl(.page(id: id, page, roundTripMilliseconds: elapsed)))
        } catch {
            inbox.push(.repl(.failed(id: id, reason: QueryStreamer.reason(error))))
        }
    }
}
