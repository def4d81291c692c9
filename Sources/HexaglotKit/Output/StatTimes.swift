#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The times of a `stat` result under one name on each platform: Linux's C libraries call the
/// fields `st_atim` and `st_mtim`, Darwin's `st_atimespec` and `st_mtimespec`.
extension stat {
    /// When the file was last read.
    var accessTime: timespec {
        #if canImport(Darwin)
        st_atimespec
        #else
        st_atim
        #endif
    }

    /// When the file's contents last changed.
    var modificationTime: timespec {
        #if canImport(Darwin)
        st_mtimespec
        #else
        st_mtim
        #endif
    }

    /// When the file's contents or its inode (links, mode) last changed.
    var changeTime: timespec {
        #if canImport(Darwin)
        st_ctimespec
        #else
        st_ctim
        #endif
    }
}
