#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Musl)
import Musl
private let systemRead = Musl.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads straight from a file descriptor (a pipe, standard input), without Foundation's
/// `FileHandle`: the counterpart of `FileDescriptorOutput`.
public enum FileDescriptorInput {
    /// Everything `descriptor` gives until its end (or an error other than an interrupted
    /// `read`). The descriptor stays open.
    public static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }
}
