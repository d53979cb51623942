import Testing
import LLMTraceSupport

@Suite struct RedactionTests {
    @Test func userInfoAndQueryAreHidden() {
        #expect(Redaction.url("https://user:sk-secret@collector:4318/v1/traces?token=abc#part")
            == "https://<redacted>@collector:4318/v1/traces?<redacted>#part")
    }

    @Test func aURLWithoutCredentialsIsUnchanged() {
        #expect(Redaction.url("http://localhost:4318/v1/traces") == "http://localhost:4318/v1/traces")
    }

    @Test func anAtSignInThePathIsNotUserInfo() {
        #expect(Redaction.url("http://host/users/@me") == "http://host/users/@me")
    }

    @Test func aQueryIsHiddenEvenWithoutAScheme() {
        #expect(Redaction.url("collector?api_key=abc") == "collector?<redacted>")
    }
}
