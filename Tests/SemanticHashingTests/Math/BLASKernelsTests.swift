import Foundation
@testable import SemanticHashing
import XCTest

/// When semhash says OpenBLAS could run faster kernels: a core without AVX2 chosen on a CPU with AVX2 and FMA,
/// and no `OPENBLAS_CORETYPE` in the environment.
final class BLASKernelsTests: XCTestCase {
    private let modernFlags = "flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 popcnt avx f16c avx2 bmi2 avx512f"

    func testAnSSE3CoreOnACPUWithAVX2AndFMAHasAFasterOne() {
        XCTAssertEqual(BLASKernels.fasterCoreType(than: "Prescott", cpuFlags: modernFlags, environment: [:]), "Haswell")
        XCTAssertEqual(BLASKernels.fasterCoreType(than: "Sandybridge", cpuFlags: modernFlags, environment: [:]), "Haswell")
    }

    func testNoFasterCoreForAVX2KernelsAnOlderCPUOrAChoiceInTheEnvironment() {
        XCTAssertNil(BLASKernels.fasterCoreType(than: "Haswell", cpuFlags: modernFlags, environment: [:]))
        XCTAssertNil(BLASKernels.fasterCoreType(than: "SkylakeX", cpuFlags: modernFlags, environment: [:]))
        XCTAssertNil(BLASKernels.fasterCoreType(than: "Prescott", cpuFlags: "flags : fpu sse sse2 avx fma", environment: [:]),
                     "no AVX2")
        XCTAssertNil(BLASKernels.fasterCoreType(than: "Prescott", cpuFlags: "flags : fpu sse sse2 avx2", environment: [:]),
                     "no FMA")
        XCTAssertNil(BLASKernels.fasterCoreType(than: "Prescott", cpuFlags: modernFlags,
                                                environment: ["OPENBLAS_CORETYPE": "Prescott"]))
    }

    func testTheCoreInUseIsTheOneTheEnvironmentNames() throws {
        guard let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] else {
            throw XCTSkip("OPENBLAS_CORETYPE is not set (Scripts/test.sh sets it through Scripts/environment.sh)")
        }
        XCTAssertEqual(BLASKernels.coreName.lowercased(), chosen.lowercased())
        XCTAssertNil(BLASKernels.fasterCoreType)
    }
}
