/// Makes values that may carry credentials fit for a log line.
public enum Redaction {
    /// `url` fit for a log line: user-info and query, which can carry credentials, are hidden.
    public static func url(_ url: String) -> String {
        var text = Substring(url)
        var result = ""
        if let scheme = text.firstRange(of: "://") {
            result += text[..<scheme.upperBound]
            text = text[scheme.upperBound...]
            let authorityEnd = text.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? text.endIndex
            if let at = text[..<authorityEnd].lastIndex(of: "@") {
                result += "<redacted>"
                text = text[at...]
            }
        }
        if let query = text.firstIndex(of: "?") {
            let fragment = text[query...].firstIndex(of: "#") ?? text.endIndex
            return result + text[..<query] + "?<redacted>" + text[fragment...]
        }
        return result + text
    }
}
