import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, for the benchmark and the reliability suite: its
/// standard output is read here, its standard error drained on a thread of its own (or shared
/// with this process's), its standard input is a pipe this process closes or `/dev/null`.
///
/// Not Foundation's `Process`: the benchmark's process must not load Foundation, whose shared
/// libraries would count in the resident set it measures.
public final class ChildProcess: Sendable {
    /// Why a child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public var executable: String
        public var code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// The child's process id. Signal it with `signal(_:)`, which cannot reach another process
    /// that reused the id once this child was reaped.
    public let processIdentifier: pid_t
    private let started: ContinuousClock.Instant
    /// Our end of its standard output; `nil` once `finish` read it to the end and closed it.
    private let output: Locked<Int32?>
    private let input: Locked<Int32?>
    // The wait status once reaped (`isRunning` may reap the child before `finish` waits for
    // it), or `unwaitable` when `waitpid` failed for good.
    private let exitStatus = Locked<Int32?>(nil)
    private static let unwaitable = Int32.min
    // Set by the first `finish`: later calls return it.
    private let result = Locked<ChildOutput?>(nil)
    /// Its standard error, when captured, and whether a thread of its own drains it.
    private let errors: (bytes: Locked<[UInt8]>, done: DispatchSemaphore, descriptor: Int32, drained: Bool)?

    /// Starts `executable` with `arguments` and `environment` (added to this process's).
    /// - Parameters:
    ///   - keepsInput: give the child a pipe as standard input, open until `closeInput()`
    ///     (else `/dev/null`).
    ///   - capturesError: collect its standard error (else it writes to this process's).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        keepsInput: Bool = false, capturesError: Bool = true
    ) throws {
        started = .now
        var pipes: [Pipe] = []
        defer { for pipe in pipes { close(pipe.childEnd) } }
        let output: Pipe, errors: Pipe?, input: Pipe?
        do {
            output = try Pipe(childReads: false, for: executable)
            pipes.append(output)
            errors = capturesError ? try Pipe(childReads: false, for: executable) : nil
            if let errors { pipes.append(errors) }
            input = keepsInput ? try Pipe(childReads: true, for: executable) : nil
            if let input { pipes.append(input) }
            processIdentifier = try Self.spawn(
                executable, arguments, environment: environment,
                stdin: input?.childEnd, stdout: output.childEnd, stderr: errors?.childEnd)
        } catch {
            for pipe in pipes { close(pipe.parentEnd) }
            throw error
        }
        self.output = Locked(output.parentEnd)
        self.input = Locked(input?.parentEnd)
        if let errors {
            // Drained while it runs, so a chatty child never fills the pipe and stalls (if no
            // thread can be had, `finish` reads it after the output).
            let bytes = Locked<[UInt8]>([]), done = DispatchSemaphore(value: 0)
            let descriptor = errors.parentEnd
            let drained = DetachedThread.start {
                let read = Self.readToEnd(descriptor)
                bytes.withLock { $0 = read }
                done.signal()
            }
            self.errors = (bytes, done, descriptor, drained)
        } else {
            self.errors = nil
        }
    }

    // A child never finished keeps running, unwaited for; only this side's pipe ends are closed.
    deinit {
        output.withLock { descriptor in
            if let open = descriptor { close(open) }
        }
        if let errors, !errors.drained, result.withLock({ $0 == nil }) { close(errors.descriptor) }
        closeInput()
    }

    /// Runs `executable` with `arguments` and `environment` (added to this process's), calling
    /// `whileRunning` once it has started; collects its output.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        whileRunning: (ChildProcess) -> Void = { _ in }
    ) throws -> ChildOutput {
        let child = try ChildProcess(executable, arguments, environment: environment)
        whileRunning(child)
        return child.finish()
    }

    /// Whether the child has not yet exited.
    public var isRunning: Bool {
        exitStatus.withLock { exitStatus in
            if exitStatus != nil { return false }
            var status: Int32 = 0
            switch waitpid(processIdentifier, &status, WNOHANG) {
            case processIdentifier: exitStatus = status
            case -1 where errno != EINTR: exitStatus = Self.unwaitable
            default: return true
            }
            return false
        }
    }

    /// Sends `signal` to the child, unless it was already reaped (its id may belong to another
    /// process by then); `false` if it was not sent.
    @discardableResult
    public func signal(_ signal: Int32) -> Bool {
        exitStatus.withLock { exitStatus in
            exitStatus == nil && kill(processIdentifier, signal) == 0
        }
    }

    /// The next line of the child's standard output (without its newline), read a byte at a time
    /// so nothing after it is consumed; `nil` at the end of the output. Before `finish()` only.
    public func readLine() -> String? {
        output.withLock { descriptor in
            guard let descriptor else { return nil }
            var bytes: [UInt8] = []
            var byte: UInt8 = 0
            while true {
                let count = read(descriptor, &byte, 1)
                if count == 1 {
                    if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
                    bytes.append(byte)
                } else if count == 0 || errno != EINTR {
                    return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
                }
            }
        }
    }

    /// Closes the child's standard input (when it kept one), which tells it to finish.
    public func closeInput() {
        input.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// Reads the rest of the child's output and waits for it to exit; called again, returns the
    /// same output.
    public func finish() -> ChildOutput {
        result.withLock { result in
            if let result { return result }
            let output = collect()
            result = output
            return output
        }
    }

    private func collect() -> ChildOutput {
        closeInput()
        let stdoutBytes = output.withLock { descriptor -> [UInt8] in
            guard let open = descriptor else { return [] }
            descriptor = nil
            return Self.readToEnd(open)
        }
        var stderrBytes: [UInt8] = []
        if let errors {
            if errors.drained {
                errors.done.wait()
                stderrBytes = errors.bytes.withLock { $0 }
            } else {
                stderrBytes = Self.readToEnd(errors.descriptor)
            }
        }
        let status = exitStatus.withLock { exitStatus in
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            var reaped = waitpid(processIdentifier, &status, 0)
            while reaped == -1, errno == EINTR { reaped = waitpid(processIdentifier, &status, 0) }
            exitStatus = reaped == -1 ? Self.unwaitable : status
            return exitStatus!
        }
        // The wait status's encoding (`WIFSIGNALED`, `WTERMSIG`, `WEXITSTATUS`), which Swift does
        // not import as functions.
        let signal = status & 0x7f
        let signalled = status != Self.unwaitable && signal != 0 && signal != 0x7f
        return ChildOutput(
            status: status == Self.unwaitable ? -1 : signalled ? signal : (status >> 8) & 0xff,
            signalled: signalled,
            stdout: String(decoding: stdoutBytes, as: UTF8.self),
            stderr: String(decoding: stderrBytes, as: UTF8.self),
            elapsed: .now - started
        )
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        stdin: Int32?, stdout: Int32, stderr: Int32?
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        if let stderr { posix_spawn_file_actions_adddup2(&actions, stderr, 2) }
        // Nothing else of this process's reaches the child (its receivers' sockets, libcurl's),
        // as Foundation's `Process` made sure too.
        _ = closeFrom?(&actions, 3)
        // This process may block signals (Dispatch signal sources do) or ignore them; the child
        // starts with none blocked and every action at its default, as a shell would start it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // A process group of its own, as Foundation's `Process` gave it: a terminal's Ctrl-C
        // reaches the benchmark, which ends its children itself.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var merged = currentEnvironment()
        merged.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        return pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time:
    /// Swift's Glibc module leaves out the GNU extensions.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// All `descriptor` gives until the child closes its end; then it is closed here.
    private static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        defer { close(descriptor) }
        return FileDescriptorInput.readToEnd(descriptor)
    }

    /// A pipe between this process and the child: the child's end is closed here once spawned.
    private struct Pipe {
        var parentEnd: Int32
        var childEnd: Int32

        init(childReads: Bool, for executable: String) throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw SpawnError(executable: executable, code: errno) }
            // Close-on-exec, so a child started meanwhile from another thread does not keep an
            // end open (its reader would never see the end of the stream); `dup2` clears it in
            // the child. Without `closeFrom`, a spawn between `pipe` and `fcntl` still could.
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            (parentEnd, childEnd) = childReads ? (ends[1], ends[0]) : (ends[0], ends[1])
        }
    }
}
