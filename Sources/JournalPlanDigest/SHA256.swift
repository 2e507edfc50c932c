import CLibCrypto

/// SHA-256 of a plan file, for the hash in script headers, runbooks and the run state.
///
/// The digest comes from the system's libcrypto (OpenSSL 3; Debian: libssl-dev), read through a module map
/// as libyaml is: a maintained, tested implementation costs no build time, where swift-crypto would compile
/// its own BoringSSL into every clean build (docs/performance.md has the numbers). This file is the only
/// place its pointers are handled.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                // The one-shot SHA256() is part of OpenSSL 3's supported API (unlike SHA256_Init, which is
                // deprecated); it cannot fail for in-memory input.
                _ = CLibCrypto.SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return digest
    }

    /// The digest as 64 lower-case hexadecimal digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(digest(bytes).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
