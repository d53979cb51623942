#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Musl)
import Musl
private let systemWrite = Musl.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes straight to a file descriptor: one `write` per call keeps lines from several
/// threads whole, and avoids the global `FILE*` that Swift 6 treats as shared mutable state.
public enum FileDescriptorOutput {
    /// Writes all of `text` to `descriptor`, giving up quietly if the descriptor fails.
    public static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { _ = write(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Writes all of `bytes` to `descriptor` (again after an interrupted `write`); `false` if the
    /// descriptor failed first.
    @discardableResult
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
