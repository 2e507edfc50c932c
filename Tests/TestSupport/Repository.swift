import Foundation

/// Where the package's files and built products are, for the tests of every test target.
public enum Repository {
    /// The package root (this file is `Tests/TestSupport/Repository.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable product `name` (`plan`, `journalplan-test-host`) built next to the running test
    /// bundle, else in the package's debug build folder.
    public static func builtExecutable(_ name: String) -> URL {
        var directory = Bundle.main.bundleURL
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directory = bundle.bundleURL.deletingLastPathComponent()
        }
        let candidate = directory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return root.appendingPathComponent(".build/debug").appendingPathComponent(name)
    }

    /// The names of the files in `directory` (relative to the repository root, or absolute) ending in
    /// `suffix`, sorted. A fixture set that comes back empty must fail its own "there are cases" test:
    /// a parameterised test over no arguments passes silently.
    public static func files(in directory: String, endingIn suffix: String) -> [String] {
        let url = directory.hasPrefix("/") ? URL(fileURLWithPath: directory) : root.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }
}
