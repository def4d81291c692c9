/// One run of a rendered page and where it was written: literal text of a template (the run's
/// bytes are the template's from `offset` on) or a tag (`{{…}}` at `offset`). The run lasts
/// until the next write starts.
struct TemplateWrite: Sendable {
    var start: Int
    var template: String
    var offset: Int
    var isText: Bool
}
