import DossierFuzzing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dossier-fuzz TARGET ARGUMENTS...`, the target also given by DOSSIER_FUZZ_TARGET.
///
/// Built with `-sanitize=fuzzer -DDOSSIER_FUZZING` (see `make fuzz`), it hands the rest of the
/// arguments to libFuzzer, which fuzzes the target. Otherwise it runs files, or every file of
/// folders, through the target once each: to reproduce a crash in an ordinary build or a debugger,
/// and to replay the checked-in inputs.
@main
enum FuzzEntry {
    static func main() {
        var arguments = CommandLine.arguments
        let named = arguments.count > 1 ? FuzzTarget(rawValue: arguments[1]) : nil
        if named != nil { arguments.remove(at: 1) }
        let environment = getenv(FuzzTarget.environmentVariable).flatMap { FuzzTarget(rawValue: String(cString: $0)) }
        guard let target = named ?? environment else {
            printError("usage: dossier-fuzz TARGET ARGUMENTS... (TARGET: \(FuzzTarget.names); or set \(FuzzTarget.environmentVariable))")
            exit(2)
        }
        #if DOSSIER_FUZZING
        exit(fuzz(target, arguments: arguments))
        #else
        replay(target, paths: Array(arguments.dropFirst()))
        #endif
    }

    static func replay(_ target: FuzzTarget, paths: [String]) {
        guard !paths.isEmpty else {
            printError("usage: dossier-fuzz \(target.rawValue) FILE-OR-FOLDER...")
            exit(2)
        }
        var count = 0
        for path in paths {
            for file in FuzzInputs.files(at: path) {
                guard let bytes = FuzzInputs.read(file) else {
                    printError("dossier-fuzz: cannot read \(file)")
                    exit(1)
                }
                target.run(bytes)
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs ran")
    }
}

#if DOSSIER_FUZZING
/// libFuzzer's entry for a program with its own `main` (SwiftPM names an executable's entry point
/// itself, so libFuzzer's `main` cannot be the program's).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The target of this process: the callback is a C function pointer, which captures nothing.
nonisolated(unsafe) private var fuzzedTarget = FuzzTarget.frontmatter
/// libFuzzer keeps argv for the life of the process (it re-executes itself with it); held here, it
/// is no leak to LeakSanitizer.
nonisolated(unsafe) private var fuzzerArguments: [UnsafeMutablePointer<CChar>?] = []

extension FuzzEntry {
    static func fuzz(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        fuzzedTarget = target
        // libFuzzer runs itself again with these arguments (-minimize_crash, -fork, -merge): the
        // target's name goes to those runs through the environment.
        setenv(FuzzTarget.environmentVariable, target.rawValue, 1)
        fuzzerArguments = arguments.map { strdup($0) } + [nil]
        var argc = Int32(arguments.count)
        return fuzzerArguments.withUnsafeMutableBufferPointer { buffer in
            var base = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &base) { data, size in
                fuzzedTarget.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
                return 0
            }
        }
    }
}
#endif
