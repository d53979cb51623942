#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import LLMTraceSupport
import Logging

/// Request bodies on disk, one file each (`SpoolFile`), in one directory per signal: the
/// backlog that outlives the process.
///
/// A file appears whole or not at all (written under a temporary name, synced, renamed, the
/// directory synced), so a process killed mid-write loses only that body. File names begin with
/// the wall-clock time in nanoseconds, so the name order is the age order across processes.
/// A file is sent by whoever holds its `flock`; after taking the lock the holder checks that the
/// name still leads to the same file, so a file deleted by the process that sent it is never
/// sent again by another.
final class Spool: Sendable {
    /// A file this process is sending: its lock is held until `finish` or `release`.
    struct Claim: Sendable {
        let name: String
        let descriptor: Int32
        let batch: EncodedBatch
    }

    /// What the spool holds and has done, for the statistics.
    struct Figures: Sendable, Equatable {
        /// Items in files this process wrote or took over and has not finished.
        var items = 0
        /// Bytes of every file known, other processes' included.
        var bytes = 0
        /// Items found in files of earlier (or other) processes, once each.
        var recovered = 0
        /// Items deleted to keep within `maxBytes`, the newest body included when it alone is over it.
        var evicted = 0
        /// Files skipped as torn or damaged (deleted).
        var corruptFiles = 0
        /// Items in files this process wrote that were damaged on disk when read back.
        var damaged = 0
        /// Items in files this process counted that vanished: another process sharing the
        /// directory sent them.
        var sentElsewhere = 0
    }

    let directory: String
    let maxBytes: Int
    private let log: RateLimitedLog
    private let state: Locked<State>

    private struct Entry {
        var bytes: Int
        var items: Int
        /// Written by this process, or taken over from another: counted in `Figures.items`.
        var counted: Bool
        var claimed = false
    }

    private struct State {
        /// By name, which sorts by age.
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var sequence = 0
        var lastScan = ContinuousClock.now
        var figures = Figures()
    }

    /// Opens (creating, mode 0700) `directory` and indexes the files already there.
    /// - Throws: `SpoolError` when the directory cannot be made or read.
    init(directory: String, maxBytes: Int, logger: Logger) throws(SpoolError) {
        self.directory = directory
        self.maxBytes = max(1, maxBytes)
        self.log = RateLimitedLog(logger: logger)
        self.state = Locked(State())
        try Self.makeDirectory(directory)
        let found = state.withLock { state in
            scan(&state)
            return state.order.count
        }
        if found > 0 {
            logger.info("spool \(directory): \(found) files from an earlier run are sent first")
        }
    }

    var figures: Figures { state.withLock { $0.figures } }

    /// Whether a file is waiting that nobody here is sending.
    var hasUnclaimed: Bool {
        state.withLock { state in
            if state.order.isEmpty, ContinuousClock.now - state.lastScan > .seconds(2) { scan(&state) }
            return state.order.contains { state.entries[$0]?.claimed == false }
        }
    }

    /// Writes `batch` as a new file, first deleting the oldest files it would not fit beside.
    /// Returns `false` if it could not be written (the caller keeps it in memory).
    func store(_ batch: EncodedBatch) -> Bool {
        let bytes = SpoolFile.encode(batch)
        return state.withLock { state in
            guard bytes.count <= maxBytes else {
                state.figures.evicted += batch.items
                return true
            }
            makeRoom(for: bytes.count, &state)
            state.sequence += 1
            let stamp = String(WallClock.nowUnixNano())
            let sequence = String(state.sequence)
            let name = String(repeating: "0", count: max(0, 20 - stamp.count)) + stamp + "-\(getpid())-"
                + String(repeating: "0", count: max(0, 10 - sequence.count)) + sequence + ".otlp"
            let temporary = ".tmp-\(getpid())-\(state.sequence)"
            do {
                try writeFile(temporary, bytes)
                guard rename(path(temporary), path(name)) == 0 else { throw SpoolError.io("rename", errno) }
                syncDirectory()
            } catch {
                unlink(path(temporary))
                log.log(.warning, key: "spool-write", "spool \(directory): cannot write a file (\(error)); the body stays in memory")
                return false
            }
            insert(name, Entry(bytes: bytes.count, items: batch.items, counted: true), &state)
            state.figures.items += batch.items
            return true
        }
    }

    /// The oldest file nobody is sending, locked and read; torn or damaged files on the way are
    /// deleted and counted.
    func claimOldest() -> Claim? {
        state.withLock { state in
            if state.order.isEmpty, ContinuousClock.now - state.lastScan > .seconds(2) { scan(&state) }
            var index = 0
            while index < state.order.count {
                let name = state.order[index]
                guard var entry = state.entries[name], !entry.claimed else {
                    index += 1
                    continue
                }
                switch openLocked(name) {
                case .gone:
                    forget(name, &state)
                case .busy:
                    index += 1
                case .opened(let descriptor, let bytes):
                    guard let batch = SpoolFile.decode(bytes) else {
                        unlink(path(name))
                        close(descriptor)
                        state.figures.corruptFiles += 1
                        if entry.counted {
                            state.figures.items -= entry.items
                            state.figures.damaged += entry.items
                        }
                        log.log(.warning, key: "spool-corrupt", "spool \(directory): skipped \(name), torn or damaged (\(bytes.count) bytes), and deleted it")
                        remove(name, &state)
                        continue
                    }
                    if entry.counted {
                        state.figures.items += batch.items - entry.items
                    } else {
                        entry.counted = true
                        state.figures.recovered += batch.items
                        state.figures.items += batch.items
                    }
                    entry.items = batch.items
                    entry.claimed = true
                    state.entries[name] = entry
                    return Claim(name: name, descriptor: descriptor, batch: batch)
                }
            }
            return nil
        }
    }

    /// The claimed file is done with (delivered, or refused for good): deleted, then unlocked.
    func finish(_ claim: Claim) {
        state.withLock { state in
            unlink(path(claim.name))
            close(claim.descriptor)
            if let entry = state.entries[claim.name], entry.counted { state.figures.items -= entry.items }
            remove(claim.name, &state)
        }
    }

    /// The claimed file stays for a later try: unlocked.
    func release(_ claim: Claim) {
        state.withLock { state in
            close(claim.descriptor)
            state.entries[claim.name]?.claimed = false
        }
    }

    // MARK: Files

    private func path(_ name: String) -> String { directory + "/" + name }

    private static func makeDirectory(_ directory: String) throws(SpoolError) {
        var built = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0 && errno != EEXIST { throw SpoolError.io("mkdir \(built)", errno) }
        }
        guard access(directory, R_OK | W_OK | X_OK) == 0 else { throw SpoolError.io("access", errno) }
    }

    /// Indexes the directory: spool files by their headers; temporary files left by a process
    /// that no longer runs (killed mid-write) are deleted.
    private func scan(_ state: inout State) {
        state.lastScan = .now
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".tmp-") {
                let pid = name.dropFirst(5).prefix { $0 != "-" }
                if let pid = Int32(pid), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(path(name)) }
                continue
            }
            guard name.hasSuffix(".otlp"), state.entries[name] == nil else { continue }
            var info = stat()
            guard stat(path(name), &info) == 0 else { continue }
            let items = readHeader(name).map(\.items) ?? 0
            insert(name, Entry(bytes: Int(info.st_size), items: items, counted: false), &state)
        }
    }

    private func readHeader(_ name: String) -> (items: Int, bodyLength: Int)? {
        let descriptor = open(path(name), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: SpoolFile.headerSize)
        guard read(descriptor, &bytes, bytes.count) == bytes.count, let header = SpoolFile.header(bytes[...]) else { return nil }
        return (header.items, header.bodyLength)
    }

    private enum Opened {
        case gone
        case busy
        case opened(Int32, [UInt8])
    }

    /// Opens and locks `name` without waiting, and reads it whole.
    private func openLocked(_ name: String) -> Opened {
        let descriptor = open(path(name), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .gone }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return .busy
        }
        // Locked: but the sender that held the lock before may have deleted the file since we
        // opened it. Only the file the name still leads to may be sent.
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, stat(path(name), &named) == 0,
              held.st_ino == named.st_ino, held.st_dev == named.st_dev
        else {
            close(descriptor)
            return .gone
        }
        var bytes = [UInt8](repeating: 0, count: Int(held.st_size))
        var done = 0
        while done < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, $0.count - done) }
            if got <= 0 { break }
            done += got
        }
        if done < bytes.count { bytes.removeLast(bytes.count - done) }
        return .opened(descriptor, bytes)
    }

    private func writeFile(_ name: String, _ bytes: [UInt8]) throws(SpoolError) {
        let descriptor = open(path(name), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpoolError.io("open", errno) }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw SpoolError.io("write", errno) }
            done += wrote
        }
        guard fsync(descriptor) == 0 else { throw SpoolError.io("fsync", errno) }
    }

    /// Makes the rename durable: a crash after it must not bring the file back under its old name.
    private func syncDirectory() {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Deletes the oldest files nobody is sending until `incoming` more bytes fit.
    private func makeRoom(for incoming: Int, _ state: inout State) {
        var index = 0
        while state.figures.bytes + incoming > maxBytes, index < state.order.count {
            let name = state.order[index]
            guard let entry = state.entries[name], !entry.claimed else {
                index += 1
                continue
            }
            // Another process may be sending it (its lock says so), or have sent it since.
            switch openLocked(name) {
            case .busy:
                index += 1
                continue
            case .gone:
                forget(name, &state)
                continue
            case .opened(let descriptor, _):
                unlink(path(name))
                close(descriptor)
            }
            if entry.counted { state.figures.items -= entry.items } else { state.figures.recovered += entry.items }
            state.figures.evicted += entry.items
            log.log(.warning, key: "spool-full", "spool \(directory) full (LLMTRACE_SPOOL_MAX_BYTES = \(maxBytes)): deleted the oldest files, \(state.figures.evicted) items in all")
            remove(name, &state)
        }
    }

    private func insert(_ name: String, _ entry: Entry, _ state: inout State) {
        state.entries[name] = entry
        state.figures.bytes += entry.bytes
        // New files are the newest; files found by a scan may come in any order.
        if let last = state.order.last, last > name {
            state.order.insert(name, at: state.order.firstIndex { $0 > name } ?? state.order.count)
        } else {
            state.order.append(name)
        }
    }

    /// A file that vanished: another process sent it (or someone deleted it).
    private func forget(_ name: String, _ state: inout State) {
        if let entry = state.entries[name], entry.counted {
            state.figures.items -= entry.items
            state.figures.sentElsewhere += entry.items
        }
        remove(name, &state)
    }

    private func remove(_ name: String, _ state: inout State) {
        guard let entry = state.entries.removeValue(forKey: name) else { return }
        state.figures.bytes -= entry.bytes
        if let index = state.order.firstIndex(of: name) { state.order.remove(at: index) }
    }
}

/// Why the spool directory cannot be used.
struct SpoolError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32

    static func io(_ operation: String, _ code: Int32) -> SpoolError { SpoolError(operation: operation, code: code) }

    var description: String { "\(operation): \(String(cString: strerror(code)))" }
}
