extension String {
    /// Lends the string's UTF-8 bytes to `body`: in place when the string keeps them contiguous (native
    /// strings, literals and small strings), else from a copy.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
