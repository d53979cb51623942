import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Figures about this process from `/proc/self` (Linux), for the benchmark and the reliability
/// suite.
public enum ProcessFigures {
    /// The peak resident set (`VmHWM`), in bytes.
    public static func peakRSSBytes() -> Int { statusField("VmHWM:") * 1024 }

    /// The resident set now (`VmRSS`), in bytes.
    public static func residentBytes() -> Int { statusField("VmRSS:") * 1024 }

    /// CPU time this process has used so far, user and system, in seconds (`getrusage`): on a
    /// machine whose cores the measured process and its receiver share, the end-to-end rate is
    /// bounded by their CPU seconds over the cores.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Threads in the process.
    public static func threads() -> Int { statusField("Threads:") }

    /// Open file descriptors.
    public static func openFileDescriptors() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    private static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).filter(\.isNumber)) ?? 0
        }
        return 0
    }

    /// This executable's path, to start it again as a child.
    public static var executablePath: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}
