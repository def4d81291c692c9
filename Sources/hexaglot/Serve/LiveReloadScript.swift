/// The script `hexaglot serve` adds to every HTML page it serves (never to built files):
/// reloads on `reload`, shows the build's errors over the page on `error`.
enum LiveReloadScript {
    static let path = "/__hexaglot/live-reload.js"
    static let eventsPath = "/__hexaglot/events"
    static let tag = "<script src=\"\(path)\" defer></script>"

    static let source = """
        (() => {
          const events = new EventSource("\(eventsPath)");
          let overlay;
          events.addEventListener("reload", () => location.reload());
          events.addEventListener("error", (event) => {
            if (!event.data) return;
            if (!overlay) {
              overlay = document.createElement("pre");
              overlay.setAttribute("role", "alert");
              overlay.setAttribute("dir", "ltr");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5rem;overflow:auto;" +
                "background:rgba(20,20,20,.94);color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "hexaglot: the last change did not build; this page is the last good version.\\n\\n" + event.data;
          });
        })();
        """

    /// The page with the script before `</body>` (or at the end).
    static func inject(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: range.lowerBound)
        return result
    }
}
