import AureusProtocol
import Testing

/// The method table is the single source of RBAC; these tests pin its rules.
@Suite struct RPCMethodsTests {
    @Test func rolesAreOrderedByPower() {
        #expect(Role.allCases == [.viewer, .analyst, .approver, .admin])
        #expect(Role.allCases.sorted() == Role.allCases)
        #expect(Role.viewer < .analyst && Role.analyst < .approver && Role.approver < .admin)
        #expect(Role.allCases.max() == .admin)
        #expect(min(Role.admin, Role.analyst) == .analyst)
    }

    @Test(arguments: Role.allCases, Role.allCases)
    func roleIncludesEveryLowerRole(role: Role, required: Role) {
        let rank = Role.allCases.firstIndex(of:)
        #expect(role.includes(required) == (rank(role)! >= rank(required)!))
    }

    @Test func rolesUseTheirWireNames() throws {
        #expect(Role.allCases.map(\.rawValue) == ["viewer", "analyst", "approver", "admin"])
        #expect(try (["username": "x", "role": "approver"] as JSONValue).decode(UsersSetRoleParams.self).role == .approver)
        #expect(throws: (any Error).self) { try (["username": "x", "role": "root"] as JSONValue).decode(UsersSetRoleParams.self) }
    }

    @Test(arguments: [nil] + Role.allCases.map(Optional.some))
    func anyoneAllowsEveryCaller(role: Role?) {
        #expect(RPCMethodSpec("m", access: .anyone, summary: "").allows(role))
    }

    @Test(arguments: Role.allCases, [nil] + Role.allCases.map(Optional.some))
    func roleAccessAllowsThatRoleAndAbove(required: Role, caller: Role?) {
        let spec = RPCMethodSpec("m", access: .role(required), summary: "")
        #expect(spec.allows(caller) == (caller.map { $0 >= required } ?? false))
        #expect(spec.minimumRole == required)
    }

    @Test func tableNamesAreUniqueAndFindable() {
        let names = RPCMethods.all.map(\.name)
        #expect(Set(names).count == names.count)
        for spec in RPCMethods.all {
            #expect(RPCMethods.spec(named: spec.name) == spec)
            #expect(!spec.summary.isEmpty, "\(spec.name) has no summary")
        }
        #expect(RPCMethods.spec(named: "no.such") == nil)
    }

    @Test func publicMethodsAreTheHandshakeAndLogin() {
        let open = RPCMethods.all.filter { $0.minimumRole == nil }.map(\.name)
        #expect(open == ["server.hello", "server.ping", "auth.login"])
    }

    @Test func userAdministrationNeedsAdmin() {
        for spec in [RPCMethods.usersCreate, RPCMethods.usersList, RPCMethods.usersSetRole, RPCMethods.usersDisable] {
            #expect(spec.minimumRole == .admin, "\(spec.name)")
            #expect(!spec.allows(.approver), "\(spec.name)")
        }
    }

    @Test func stateChangingMethodsAreAudited() {
        let audited = Set(RPCMethods.all.filter(\.audited).map(\.name))
        #expect(
            audited == [
                "auth.login", "auth.refresh", "auth.logout", "tokens.create", "tokens.revoke", "users.create", "users.set_role",
                "users.disable", "users.passwd", "sources.create", "sources.rotate_secret", "sources.disable",
                "approvals.submit", "approvals.decide", "approvals.revoke", "policy.reload",
                "keys.register", "keys.confirm", "keys.revoke", "keys.rotate_server",
                "query.run", "query.ask", "datasets.import", "neural.sources.start", "neural.sources.stop",
            ]
        )
    }

    @Test func topicsAreReadableByViewers() {
        #expect(Topic.allCases.map(\.rawValue) == ["audit", "rates", "approvals", "gpu", "ollama", "spikes", "status"])
        for topic in Topic.allCases { #expect(topic.minimumRole == .viewer) }
    }

    @Test(arguments: ["1.0", "1.7", "1", "1.0.3", "1.beta"])
    func sameMajorIsCompatible(version: String) {
        let check = ProtocolVersion.check(server: version)
        #expect(check.compatible)
        #expect(check.reason == nil)
    }

    @Test(arguments: ["2.0", "0.9", "10.0"])
    func otherMajorIsRefusedWithAHint(version: String) throws {
        let check = ProtocolVersion.check(server: version)
        #expect(!check.compatible)
        let reason = try #require(check.reason)
        #expect(reason.contains(version))
        #expect(reason.contains(ProtocolVersion.string))
        #expect(reason.contains("major version \(version.split(separator: ".")[0])"))
    }

    @Test(arguments: ["", "v1.0", "one", "x.1", "-"])
    func unreadableVersionIsRefused(version: String) throws {
        let check = ProtocolVersion.check(server: version)
        #expect(!check.compatible)
        #expect(try #require(check.reason).contains("unreadable"))
    }

    @Test func versionString() {
        #expect(ProtocolVersion.string == "\(ProtocolVersion.major).\(ProtocolVersion.minor)")
        #expect(ProtocolVersion.check(server: ProtocolVersion.string).compatible)
    }
}
