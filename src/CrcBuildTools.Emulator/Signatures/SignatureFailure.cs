namespace CrcBuildTools.Emulator.Signatures;

/// <summary>Why a request was refused, in the vendors' terms.</summary>
internal sealed record SignatureFailure(int Status, string Code, string Message);
