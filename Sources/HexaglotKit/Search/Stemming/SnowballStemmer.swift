internal import CStemmer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Snowball stem of a word, from Debian's libstemmer (Snowball 2.2.0): english (Porter2),
/// french, spanish and russian, the algorithms the search script's `HexaglotStemmers` follows
/// at query time.
///
/// This is the only file that sees the C library. A libstemmer stemmer keeps its working buffer
/// inside itself, so one must never be used by two threads at once: each thread gets its own per
/// language, kept in thread-specific storage and freed when the thread exits, together with a
/// cache of the words it has stemmed (a site repeats its words: a lookup costs far less than
/// stemming again). The value itself holds only the language and can be shared freely.
public struct SnowballStemmer: Sendable {
    private let algorithm: Algorithm

    /// nil for languages without a Snowball stemmer here (ar, zh, and anything unknown).
    public init?(languageCode: String) {
        guard let algorithm = Algorithm(rawValue: languageCode) else { return nil }
        self.algorithm = algorithm
    }

    /// The stem of a lower-cased NFC word (for Russian with ё already written е).
    public func stem(_ lowercasedWord: String) -> String {
        ThreadStemmer.forThisThread(algorithm).stem(lowercasedWord)
    }

    /// The stem of a word as UTF-8, appended to `stem`, without the cache: for callers that
    /// keep their own (the search index stems each distinct word once).
    func stem(_ lowercasedWord: UnsafeBufferPointer<UInt8>, into stem: inout [UInt8]) {
        ThreadStemmer.forThisThread(algorithm).stem(lowercasedWord, into: &stem)
    }
}

extension SnowballStemmer {
    /// The four algorithms by the language codes of the site, each with its thread-specific slot.
    fileprivate enum Algorithm: String, Sendable {
        case en, fr, es, ru

        /// libstemmer's name of the algorithm.
        var snowballName: String {
            switch self {
            case .en: "english"
            case .fr: "french"
            case .es: "spanish"
            case .ru: "russian"
            }
        }

        // One key per language, made on first use (Swift runs a static initialiser once, safely).
        private static let englishKey = makeKey()
        private static let frenchKey = makeKey()
        private static let spanishKey = makeKey()
        private static let russianKey = makeKey()

        var key: pthread_key_t {
            switch self {
            case .en: Self.englishKey
            case .fr: Self.frenchKey
            case .es: Self.spanishKey
            case .ru: Self.russianKey
            }
        }

        private static func makeKey() -> pthread_key_t {
            var key = pthread_key_t()
            // When a thread exits, its stemmer and cache go with it.
            let status = pthread_key_create(&key) { slot in
                // Optional on Linux, not on macOS: bound as optional, it compiles on both.
                let slot: UnsafeMutableRawPointer? = slot
                if let slot { Unmanaged<ThreadStemmer>.fromOpaque(slot).release() }
            }
            precondition(status == 0, "pthread_key_create failed (\(status)): too many thread-specific keys")
            return key
        }
    }
}

/// One thread's libstemmer stemmer for one language, with the stems it has made.
private final class ThreadStemmer {
    /// Enough for a large site's vocabulary in one language; when full the cache starts again,
    /// which bounds its memory on any input (measured: 3.6 MB for 29,417 English words, 5.7 MB for
    /// 49,785 Russian ones; so at most about 12 MB a thread and language).
    private static let cacheLimit = 1 << 16
    private static let longestCachedWord = 64

    private let stemmer: OpaquePointer
    private var cache: [String: String] = [:]

    private init(_ algorithm: SnowballStemmer.Algorithm) {
        // NULL (UTF-8) is libstemmer's default encoding; only running out of memory fails here.
        guard let stemmer = sb_stemmer_new(algorithm.snowballName, nil) else {
            fatalError("libstemmer could not create the \(algorithm.snowballName) stemmer")
        }
        self.stemmer = stemmer
    }

    deinit { sb_stemmer_delete(stemmer) }

    static func forThisThread(_ algorithm: SnowballStemmer.Algorithm) -> ThreadStemmer {
        if let slot = pthread_getspecific(algorithm.key) {
            return Unmanaged<ThreadStemmer>.fromOpaque(slot).takeUnretainedValue()
        }
        let made = ThreadStemmer(algorithm)
        pthread_setspecific(algorithm.key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    func stem(_ word: String) -> String {
        // Long runs of letters are rarely real words and would make the cache's memory unbounded.
        guard word.utf8.count <= Self.longestCachedWord else { return stemWithLibstemmer(word) }
        if let known = cache[word] { return known }
        let stem = stemWithLibstemmer(word)
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[word] = stem
        return stem
    }

    func stem(_ word: UnsafeBufferPointer<UInt8>, into stem: inout [UInt8]) {
        guard !word.isEmpty else { return }
        guard let result = sb_stemmer_stem(stemmer, word.baseAddress, Int32(word.count)) else {
            stem.append(contentsOf: word)
            return
        }
        stem.append(contentsOf: UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(stemmer))))
    }

    private func stemWithLibstemmer(_ word: String) -> String {
        guard !word.isEmpty else { return word }
        var bytes = word
        return bytes.withUTF8 { bytes in
            // Only an allocation failure inside libstemmer returns nil; the word is then its own stem.
            guard let result = sb_stemmer_stem(stemmer, bytes.baseAddress, Int32(bytes.count)) else { return word }
            let stem = UnsafeBufferPointer(start: result, count: Int(sb_stemmer_length(stemmer)))
            // Many words are their own stem: keep the caller's string rather than make a new one.
            if stem.elementsEqual(bytes) { return word }
            return String(decoding: stem, as: UTF8.self)
        }
    }
}
