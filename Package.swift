// swift-tools-version:6.2
import PackageDescription

// Debian's multiarch folder, where GLib keeps glibconfig.h.
#if arch(arm64)
let multiarch = "aarch64-linux-gnu"
#else
let multiarch = "x86_64-linux-gnu"
#endif

let package = Package(
    name: "Hexaglot",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hexaglot", targets: ["hexaglot"]),
        .library(name: "HexaglotKit", targets: ["HexaglotKit"]),
    ],
    // Package.resolved pins every package to one version and commit (README, "Platform and
    // versions"). The two whose version shows in what the tests assert are pinned here too, for
    // builds that resolve afresh: Yams reads front matter and site.yaml (values, and the places
    // diagnostics point at), swift-mustache is the reference the template engine is checked against.
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // Snowball stemmers (Debian's libstemmer-dev, no pkg-config file) for search.
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        // libvips (Debian's libvips-dev) for the images, through a small C target of non-variadic
        // wrappers Swift can call. Its headers only: the library is opened on first use
        // (vips_shim.c says why), so not vips' pkg-config flags, which link it; GLib (the digests)
        // and libwebp (vips_shim.c says why) are linked.
        .target(
            name: "CVips",
            cSettings: [.unsafeFlags(["-I/usr/include/glib-2.0", "-I/usr/lib/\(multiarch)/glib-2.0/include"])],
            linkerSettings: [.linkedLibrary("webp"), .linkedLibrary("glib-2.0")]
        ),
        // Keeps cmark-gfm's process-wide table of extension characters set, so that inlines
        // parse on every core (cmark_threads.c says how, and when it falls back to one at a time).
        .target(name: "CCmarkThreads"),
        .target(
            name: "HexaglotKit",
            dependencies: [
                "CCmarkGFM",
                "CCmarkThreads",
                "CVips",
                "CStemmer",
                .product(name: "Yams", package: "Yams"),
            ],
            // The search script and its stemmers are published from the binary (a build needs no
            // file beside it): PackageResources.search_js and .stemmers_js.
            resources: [.embedInCode("Search/Script/search.js"), .embedInCode("Search/Script/stemmers.js")]
        ),
        .executableTarget(
            name: "hexaglot",
            dependencies: [
                "HexaglotKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // jemalloc in place of glibc's malloc: a build allocates millions of small strings,
            // dictionaries and arrays on every core, and glibc's arenas made it ~11% slower (README,
            // "Performance"). Linked before libc, so its malloc is the process's.
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "HexaglotKitTests",
            dependencies: [
                "HexaglotKit",
                .product(name: "PropertyBased", package: "swift-property-based"),
                // The reference Mustache engine the built-in renderer is checked against.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
