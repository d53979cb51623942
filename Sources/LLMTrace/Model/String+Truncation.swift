extension String {
    /// The first `limit` characters; cheap when the string is already short enough.
    func truncated(toCharacters limit: Int) -> (value: String, truncated: Bool) {
        // A character is at least one byte, so a string with no more bytes than the limit fits.
        if utf8.count <= limit { return (self, false) }
        guard count > limit else { return (self, false) }
        return (String(prefix(max(0, limit))), true)
    }
}
