import Foundation

/// Writes a built site so that readers never see half of it and a failed build changes nothing.
///
/// Files go into a fresh folder beside the output; only when all are written is it swapped in
/// with two renames. Files whose bytes did not change keep their modification time, so deploy
/// tools copy only what changed. Hidden entries at the top of the old output (`.git` of a
/// deploy repository, `.gitkeep`) are carried over.
public struct OutputWriter: Sendable {
    public var output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public func write(_ files: [OutputFile]) throws(BuildFailure) {
        let manager = FileManager.default
        var problems: [Diagnostic] = []
        var seen: [String: String] = [:]
        for file in files {
            if let problem = Self.problem(inPath: file.path) {
                problems.append(.error("output path '\(file.path)' \(problem)", at: SourceLocation(file: file.origin)))
            }
            if let other = seen[file.path.lowercased()] {
                problems.append(.error("\(file.origin) and \(other) would both be written to \(file.path)", at: SourceLocation(file: file.origin)))
            }
            seen[file.path.lowercased()] = file.origin
        }
        guard problems.isEmpty else { throw BuildFailure(diagnostics: problems) }

        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(name).new-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            try writeFiles(files, into: staging)
            try carryOverHiddenEntries(into: staging)
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: output.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw BuildFailure(diagnostics: [.error("output \(output.path) exists and is not a folder", at: nil)])
                }
                try manager.moveItem(at: output, to: retired)
                do {
                    try manager.moveItem(at: staging, to: output)
                } catch {
                    try? manager.moveItem(at: retired, to: output)
                    throw error
                }
                try? manager.removeItem(at: retired)
            } else {
                try manager.moveItem(at: staging, to: output)
            }
        } catch let failure as BuildFailure {
            try? manager.removeItem(at: staging)
            throw failure
        } catch {
            try? manager.removeItem(at: staging)
            throw BuildFailure(diagnostics: [.error("cannot write the site to \(output.path): \(error.localizedDescription)", at: nil)])
        }
    }

    /// Makes the folders, then writes the files on every core.
    private func writeFiles(_ files: [OutputFile], into staging: URL) throws {
        let stagingPath = staging.path, outputPath = output.path
        var folders: Set<Substring> = []
        for file in files {
            if let slash = file.path.lastIndex(of: "/") { folders.insert(file.path[..<slash]) }
        }
        for folder in folders.sorted() {
            try FileManager.default.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: true)
        }
        let failures = files.parallelMap { file -> String? in
            let target = stagingPath + "/" + file.path
            let previous = outputPath + "/" + file.path
            // The same bytes as last time: link the previous file (keeps its time, costs no write).
            if file.isUnchanged, FileBytes.link(previous, to: target) { return nil }
            do {
                switch file.contents {
                case .bytes(let data):
                    try FileBytes.write(data, to: target)
                    FileBytes.keepModificationTime(of: previous, for: target, ifEqualTo: data)
                case .copy(let source):
                    try FileManager.default.copyItem(atPath: source.path, toPath: target)
                    if let data = FileManager.default.contents(atPath: target) {
                        FileBytes.keepModificationTime(of: previous, for: target, ifEqualTo: data)
                    }
                }
            } catch {
                return "\(error)"
            }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw WriteFailure(description: failure) }
    }

    private struct WriteFailure: Error, CustomStringConvertible, LocalizedError {
        let description: String
        var errorDescription: String? { description }
    }

    private func carryOverHiddenEntries(into staging: URL) throws {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: output.path) else { return }
        for name in names.sorted() where name.hasPrefix(".") {
            let destination = staging.appendingPathComponent(name)
            guard !manager.fileExists(atPath: destination.path) else { continue }
            try manager.copyItem(at: output.appendingPathComponent(name), to: destination)
        }
    }

    /// Why a relative output path could land outside the output folder, or nil.
    static func problem(inPath path: String) -> String? {
        // Bytes, not characters: "/" + a combining mark is still a separator on disk.
        let bytes = Array(path.utf8)
        if bytes.isEmpty || bytes.first == UInt8(ascii: "/") { return "must be relative" }
        if bytes.contains(0) { return "contains a NUL character" }
        for segment in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.isEmpty || segment.elementsEqual([UInt8(ascii: ".")]) || segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                return "has an empty, '.' or '..' part"
            }
        }
        return nil
    }
}
