import Testing
@testable import LLMGateway

@Suite struct AskRequestTests {
    private func parse(_ body: String) throws -> AskRequest { try AskRequest.parse(Array(body.utf8)) }

    private func errorType(_ body: String) -> String? {
        do {
            _ = try parse(body)
            return nil
        } catch let error as GatewayError {
            return error.errorType
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func aQuestionWithOrWithoutAModelIsAccepted() throws {
        #expect(try parse(#"{"question": "Why?"}"#).model == nil)
        let request = try parse(#"{"question": "Why?", "model": "openai/gpt-4o-mini:2024-07-18", "extra": 1}"#)
        #expect(request.question == "Why?" && request.model == "openai/gpt-4o-mini:2024-07-18")
    }

    @Test func eachKindOfBadBodyHasItsOwnErrorType() {
        #expect(errorType("") == "invalid_json")
        #expect(errorType("null") == "invalid_json")
        #expect(errorType(#"{"question": null}"#) == "invalid_json")
        #expect(errorType(#"{"question": ["a"]}"#) == "invalid_json")
        #expect(errorType(#"{"question": "\n\t "}"#) == "empty_question")
        #expect(errorType(#"{"question": "q", "model": "gpt-4o\u0000"}"#) == "invalid_model")
        #expect(errorType(#"{"question": "q", "model": "\#(String(repeating: "m", count: 101))"}"#) == "invalid_model")
        #expect(errorType(#"{"question": "q", "model": "modèle"}"#) == "invalid_model")
    }

    @Test func theMessageNamesTheFieldButNeverEchoesTheBody() {
        do {
            _ = try parse(#"{"question": 42, "secret": "sk-not-for-logs"}"#)
            Issue.record("accepted")
        } catch let error as GatewayError {
            #expect(error.message.contains("\"question\" must be a string"))
            #expect(!error.message.contains("sk-not-for-logs"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
