import Foundation
import JournalPlanRunner
import Testing

@Suite struct MimecastSecrecyTests {
    static let secret = FakeMimecastServer.secret

    @Test func theSecretEchoedByTheTokenEndpointIsRedacted() async throws {
        let echo = Reply.json(
            #"{"error":"invalid_client","error_description":"client_secret \#(Self.secret) is not valid"}"#, status: 400)
        try await withFakeMimecast({ _, _ in echo }) { server in
            do {
                _ = try await server.client(clock: ManualClock()).listServices()
                Issue.record("expected an authentication error")
            } catch {
                let texts = [String(describing: error), error.localizedDescription, String(reflecting: error)]
                for text in texts {
                    #expect(!text.contains(Self.secret))
                    #expect(text.contains("invalid_client"))
                }
            }
        }
    }

    @Test func tokensAndSecretEchoedByTheAPIAreRedacted() async throws {
        let echo = Reply.json(
            #"{"errors":[{"code":"err_bad","message":"Bearer tok-1 and \#(Self.secret) rejected","field":"tok-1"}]}"#,
            status: 400)
        try await withFakeMimecast(withTokens { _, _ in echo }) { server in
            do {
                _ = try await server.client(clock: ManualClock()).service(id: "x")
                Issue.record("expected an HTTP error")
            } catch {
                let texts = [String(describing: error), error.localizedDescription, String(reflecting: error)]
                for text in texts {
                    #expect(!text.contains("tok-1"))
                    #expect(!text.contains(Self.secret))
                    #expect(text.contains("err_bad"))
                }
            }
        }
    }

    @Test func theConfigurationNeverPrintsTheSecret() throws {
        let configuration = try MimecastConfiguration(environment: [
            "MIMECAST_CLIENT_ID": "client-1", "MIMECAST_CLIENT_SECRET": Self.secret,
            "MIMECAST_BASE_URL": "https://uk-api.services.mimecast.com",
        ])
        #expect(configuration.baseURL.host == "uk-api.services.mimecast.com")
        for text in [
            String(describing: configuration), String(reflecting: configuration), "\(configuration.clientSecret)",
            String(reflecting: configuration.clientSecret),
        ] {
            #expect(!text.contains(Self.secret))
        }
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains(Self.secret))
    }

    @Test func missingCredentialsAreNamed() {
        #expect(throws: MimecastError.missingConfiguration("MIMECAST_CLIENT_SECRET")) {
            _ = try MimecastConfiguration(environment: ["MIMECAST_CLIENT_ID": "client-1"])
        }
        #expect(throws: MimecastError.invalidBaseURL("ftp://example.com")) {
            _ = try MimecastConfiguration(environment: [
                "MIMECAST_CLIENT_ID": "a", "MIMECAST_CLIENT_SECRET": "b", "MIMECAST_BASE_URL": "ftp://example.com",
            ])
        }
        let defaults = try? MimecastConfiguration(environment: ["MIMECAST_CLIENT_ID": "a", "MIMECAST_CLIENT_SECRET": "b"])
        #expect(defaults?.baseURL.absoluteString == "https://api.services.mimecast.com")
    }
}
