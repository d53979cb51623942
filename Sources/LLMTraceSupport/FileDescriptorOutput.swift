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
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
