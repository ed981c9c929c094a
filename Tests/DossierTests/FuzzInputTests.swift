import Foundation
import Testing
import DossierFuzzing

/// The fuzzing harness's checked-in inputs (`Tests/Fuzz/`) run through it in an ordinary build, so
/// `swift test` catches a fixed crash coming back even where `make fuzz-smoke` is not run.
@Suite struct FuzzInputTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/Fuzz")

    static func inputs(_ kind: String, of target: FuzzTarget) -> [String] {
        FuzzInputs.files(at: folder.appendingPathComponent("\(kind)/\(target.rawValue)").path)
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedsRunThroughTheirTarget(_ target: FuzzTarget) throws {
        let seeds = Self.inputs("corpus", of: target)
        #expect(!seeds.isEmpty, "the seed corpus of \(target.rawValue) is empty")
        for path in seeds { target.run(try #require(FuzzInputs.read(path))) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionInputsRunThroughTheirTarget(_ target: FuzzTarget) throws {
        for path in Self.inputs("regressions", of: target) { target.run(try #require(FuzzInputs.read(path))) }
    }
}
