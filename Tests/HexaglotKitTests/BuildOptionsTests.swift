import Foundation
import Testing

@testable import HexaglotKit

@Suite struct BuildOptionsTests {
    @Test func displayPathIsRelativeToTheSiteFolderWhenInsideIt() {
        let options = BuildOptions(source: URL(fileURLWithPath: "/sites/dept"))
        #expect(options.displayPath(of: options.templates) == "templates")
        #expect(options.displayPath(of: URL(fileURLWithPath: "/sites/dept/content/../templates/i18n")) == "templates/i18n")
        #expect(options.displayPath(of: URL(fileURLWithPath: "/themes/plain")) == "/themes/plain")
        // A sibling folder whose name merely starts like the site's is outside it.
        #expect(options.displayPath(of: URL(fileURLWithPath: "/sites/department/x")) == "/sites/department/x")
    }
}
