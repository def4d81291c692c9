/// The photos' variant folder (`img/`) of the previous output, published again as it is: the
/// variants the pages need are exactly the files it holds (the same names, and a name carries its
/// variant's key), so the build neither looks up their cache entries nor makes an output file of
/// each, and the writer moves the old folder into the new tree with one rename. Two thousand
/// variants cost a warm rebuild about as much as none.
struct ReusedVariantFolder: Sendable {
    /// Of the names in the folder: the previous record's summary, which the folder on disk matched
    /// when the build started, and which the variants' names make.
    let summary: FolderSummary
    /// The variants as files copied from the cache (encoded into it first where it lacks them), for
    /// a writer that finds the old folder changed or gone when it comes to move it.
    let files: @Sendable () -> ImageStage.Result
}
