#!/usr/bin/env bash
# The whole CrcBuildTools flow on one machine, no cloud account needed:
#   1. pack CrcBuildTools (and the crc64xz and crc64xz-emulator tools) into a local feed, artifacts/feed;
#   2. install the emulator tool and start it as a loopback Tencent COS on 127.0.0.1 with obviously fake credentials;
#   3. publish samples/EmbeddedIntegritySample through its PackageReference to CrcBuildTools with -p:Crc64Upload=true:
#      a CRC-64 manifest of the publish folder, then every file uploaded and checked against the CRC-64 the "service"
#      returns, the manifest last;
#      and, last of all, the channel pointer 'stable';
#   4. run the published app (it verifies its embedded resources) and `crc64xz verify` the publish folder;
#   5. `crc64xz download` the release through its channel into a fresh folder, every file verified, and run the app
#      from there, as a deploy machine would;
#   6. `crc64xz audit` the release in the bucket by HEAD, and list what is in the bucket.
# Usage: build/sample.sh      (from any folder; safe to run again; everything it writes is under artifacts/)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.1.0-local"
feed="$root/artifacts/feed"
work="$root/artifacts/sample"
publish="$work/publish"
manifest="EmbeddedIntegritySample.crc64.json"

# An isolated package cache: without it a CrcBuildTools 0.1.0-local cached by an earlier run would be restored
# instead of the package packed now (NuGet never re-extracts a version it already has).
export NUGET_PACKAGES="$work/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild server or node reuse: nothing keeps the freshly unpacked task assembly loaded after the script ends.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
msbuild_flags=(-nodeReuse:false -nologo -tl:off -v:minimal)

step() { printf '\n==> %s\n' "$*"; }
command -v dotnet >/dev/null || { echo "sample.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v curl >/dev/null || { echo "sample.sh: curl is required (to ask the emulator for its object list)" >&2; exit 1; }

# From the repository root: packing CrcBuildTools.Package from another folder currently yields 'build//' entries
# (NU5129), and relative paths in messages read better this way.
cd "$root"

step "1/7 Packing CrcBuildTools $version into ${feed#"$root"/}"
mkdir -p "$feed" "$work" "$NUGET_PACKAGES"
rm -f "$feed"/CrcBuildTools*.nupkg
rm -rf "$NUGET_PACKAGES"/crcbuildtools* "$work/tools" "$publish"
for project in src/CrcBuildTools.Hashing src/CrcBuildTools.Package src/CrcBuildTools.Cli src/CrcBuildTools.Emulator; do
  # Own artifacts folder, so this never fights over bin/obj with an IDE or test run building src/ at the same time.
  dotnet pack "$root/$project" -c Release -o "$feed" --artifacts-path "$work/build" -p:Version="$version" "${msbuild_flags[@]}"
done
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="crcbuildtools-local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
EOF

step "2/7 Starting the COS emulator on 127.0.0.1"
# Fake credentials: the uploader reads them from these variables, and the emulator expects the same ones.
export COS_SECRET_ID="AKIDdemoNotARealKey0000000000000000"
export COS_SECRET_KEY="demo-secret-not-a-real-key"
bucket="crcbuildtools-demo-1250000000"
region="ap-guangzhou"
# The emulator is the dotnet tool a user would install (package CrcBuildTools.Emulator, command crc64xz-emulator).
dotnet tool install CrcBuildTools.Emulator --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null
emulator_log="$work/emulator.log"
"$work/tools/crc64xz-emulator" --provider cos --port 0 --bucket "$bucket" --region "$region" >"$emulator_log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
endpoint=""
for _ in $(seq 1 100); do
  endpoint="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$emulator_log" | head -n 1 || true)"
  [ -n "$endpoint" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$emulator_log" >&2; echo "sample.sh: the emulator exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { cat "$emulator_log" >&2; echo "sample.sh: the emulator did not start within 10 s" >&2; exit 1; }
head -n 1 "$emulator_log"

step "3/7 dotnet publish samples/EmbeddedIntegritySample with PackageReference CrcBuildTools $version and -p:Crc64Upload=true"
sample_flags=(-p:CrcBuildToolsFromPackage=true -p:CrcBuildToolsVersion="$version" --artifacts-path "$work/build")
# Build the sample from scratch, as on a new machine. The package was just re-packed under the same version with
# deterministic zip timestamps, so its files keep the same time (and often length) as last run's, and MSBuild's
# incremental Copy (SkipUnchangedFiles compares only time and length) would leave the old bytes in bin/.
rm -rf "$work/build/obj/EmbeddedIntegritySample" "$work/build/bin/EmbeddedIntegritySample"
dotnet restore "$root/samples/EmbeddedIntegritySample" --configfile "$work/nuget.config" --force "${sample_flags[@]}" "${msbuild_flags[@]}"
# -v:normal shows one line per uploaded file; the summary line is printed at any verbosity.
dotnet publish "$root/samples/EmbeddedIntegritySample" -c Release --no-restore -o "$publish" "${sample_flags[@]}" \
  -p:Crc64Upload=true -p:Crc64UploadProvider=cos -p:Crc64UploadBucket="$bucket" -p:Crc64UploadRegion="$region" \
  -p:Crc64UploadEndpoint="$endpoint" -p:Crc64UploadRequireServerChecksum=true -p:Crc64UploadChannel=stable \
  "${msbuild_flags[@]}"

step "4/7 Running the published app, then crc64xz verify on the publish folder"
dotnet "$publish/EmbeddedIntegritySample.dll"
dotnet tool install CrcBuildTools.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null
"$work/tools/crc64xz" verify "$publish/$manifest"

deploy="$work/deploy"
channel="cos://$bucket/EmbeddedIntegritySample/channels/stable.json"
step "5/7 crc64xz download $channel into a fresh folder, then run the app from there"
rm -rf "$deploy"
"$work/tools/crc64xz" download "$channel" "$deploy" --endpoint "$endpoint" --region "$region"
dotnet "$deploy/EmbeddedIntegritySample.dll"

step "6/7 crc64xz audit of the release in the bucket (one HEAD per object, nothing downloaded)"
"$work/tools/crc64xz" audit "$channel" --endpoint "$endpoint" --region "$region" --list-extra

step "7/7 Objects in cos://$bucket, as the emulator stores them (CRC-64 computed by the emulator itself)"
# The control API answers [{"key":"...","length":N,"crc64":"...","eTag":"..."},...]; the sample's keys are plain.
curl -fsS "$endpoint/_emulator/objects" | tr -d '[]' | sed 's/},{/}\n{/g' |
  sed -E 's/.*"key":"([^"]*)","length":([0-9]+),"crc64":"([0-9]+)".*/\1 \2 \3/' |
  awk '{ printf "  CRC-64 %20s %9s B  %s\n", $3, $2, $1; n++; b += $2 } END { printf "  %d objects, %d bytes\n", n, b }'
echo
echo "Done: built, uploaded (verified), downloaded through the channel (verified), ran, audited. Artifacts are in ${work#"$root"/}/."
