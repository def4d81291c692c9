/// The values every page of a language shares, lowered once per build and shared by its pages.
struct LanguageValues {
    let site: Lowered<SiteData>
    let lang: Lowered<LanguageData>
    let i18n: UIStrings
    let channels: [Lowered<ChannelData>]

    func context(page: PageData, languages: [LanguageLink], menu: [MenuEntry], breadcrumbs: [Crumb]) -> PageContext {
        PageContext(
            site: site, lang: lang, i18n: i18n, channels: channels, page: page, languages: languages, menu: menu,
            breadcrumbs: breadcrumbs)
    }

    /// For rendered-page fingerprints: a page's own fields are hashed, these by this hash.
    var fingerprint: UInt64 {
        var hasher = StableHasher()
        for value in [site.templateValue, lang.templateValue, i18n.templateValue, channels.templateValue] {
            hasher.combine(template: value!)
        }
        return hasher.value
    }

    /// The fields of `PageContext` that come from here, not from the page.
    static let sharedFields: Set<String> = ["site", "lang", "i18n", "channels"]
}
