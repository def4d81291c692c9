import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts a new folder where an old one was so that the path always names one of the two.
///
/// On Linux this is `renameat2(…, RENAME_EXCHANGE)`, on macOS `renameatx_np(…, RENAME_SWAP)`:
/// one system call swaps the two names, so a build killed at any moment leaves the old output or
/// the new one, never none. Elsewhere (or on a file system without the call) it falls back to two
/// renames, and a build killed between them leaves the old output under `retired`, which
/// `StaleStaging.sweep` puts back.
enum FolderSwap {
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let code: Int32
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    /// Swaps `new` and `old` (both exist); afterwards `old`'s path holds the new tree and `new`'s
    /// path the old one. `retired` is the name the fallback moves the old tree to first.
    static func exchange(_ new: String, with old: String, retired: String) throws(Failure) {
        if let exchange = renameExchange {
            if exchange(AT_FDCWD, new, AT_FDCWD, old, renameExchangeFlag) == 0 { return }
            // Not supported here (EINVAL, ENOSYS: some network and FUSE file systems): fall back.
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                throw Failure(operation: "swap \(new) with \(old)", code: errno)
            }
        }
        guard rename(old, retired) == 0 else { throw Failure(operation: "rename \(old)", code: errno) }
        guard rename(new, old) == 0 else {
            let code = errno
            _ = rename(retired, old)
            throw Failure(operation: "rename \(new)", code: code)
        }
        // Leave the old tree where the caller will look for it: at `new`'s path, as the exchange does.
        _ = rename(retired, new)
    }

    /// The exchange is one system call here (else two renames).
    static var isAtomic: Bool { renameExchange != nil }

    #if canImport(Darwin)
    private static let renameExchangeFlag = UInt32(RENAME_SWAP)
    #else
    /// `RENAME_EXCHANGE` from <linux/fs.h>.
    private static let renameExchangeFlag: UInt32 = 1 << 1
    #endif

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does not
    /// declare it (it is behind _GNU_SOURCE), and an older C library simply lacks it. Darwin
    /// declares `renameatx_np` (macOS 10.12 and later).
    private static let renameExchange: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #elseif canImport(Darwin)
        let swap: RenameAt2 = { renameatx_np($0, $1, $2, $3, $4) }
        return swap
        #else
        return nil
        #endif
    }()
}
