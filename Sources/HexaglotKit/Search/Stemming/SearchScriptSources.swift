/// The search page's scripts as compiled into the binary, for the build to write beside the index.
public enum SearchScriptSources {
    /// `stemmers.js`: `var HexaglotStemmers = {en, fr, es, ru}`, each a function from a lower-cased
    /// word to its Snowball stem, the same stems `SnowballStemmer` gives the index.
    public static let stemmers = String(decoding: PackageResources.stemmers_js, as: UTF8.self)
}
