'use strict';
// Shared by oss.js and cos.js: the emulator's coordinates from the environment (set by VendorSdkTests), the
// deterministic test bodies, and one JSON line of results on stdout for the C# test to assert on.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; these scripts are run by CrcBuildTools.Emulator.Tests`);
  }
  return value;
}

const config = {
  endpoint: env('EMU_ENDPOINT'), // http://127.0.0.1:<port>
  host: env('EMU_ENDPOINT').replace(/^http:\/\//, ''),
  bucket: env('EMU_BUCKET'),
  region: env('EMU_REGION'),
  accessKeyId: env('EMU_ACCESS_KEY_ID'),
  secret: env('EMU_SECRET'),
  signatureVersion: process.env.EMU_SIGNATURE_VERSION || '4',
};

/** length bytes, the same for the same seed: the C# side recomputes nothing from them, it compares MD5s. */
function body(length, seed) {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 16;
  }
  return bytes;
}

const md5 = bytes => crypto.createHash('md5').update(bytes).digest('hex');

function tempFile(bytes) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crc-emu-sdk-')), 'body.bin');
  fs.writeFileSync(file, bytes);
  return file;
}

/** Runs one scenario and prints {"ok":true,...result} or {"ok":false,"error":...}; never a stack trace alone. */
function run(scenarios) {
  const name = process.argv[2];
  const scenario = scenarios[name];
  if (!scenario) {
    console.log(JSON.stringify({ ok: false, error: `unknown scenario '${name}'; known: ${Object.keys(scenarios).join(', ')}` }));
    process.exit(2);
  }
  scenario().then(
    result => console.log(JSON.stringify({ ok: true, ...result })),
    error => {
      console.log(JSON.stringify({ ok: false, error: String(error && (error.stack || error.message || error)), detail: error }));
      process.exit(1);
    });
}

/** Unsigned requests at the URL the SDK builds without a signature, as a browser, curl or a CDN would send them. */
async function anonymousRequests(url, listUrl) {
  const crcHeader = process.env.EMU_CRC_HEADER;
  const get = await fetch(url);
  const getBody = Buffer.from(await get.arrayBuffer());
  const range = await fetch(url, { headers: { Range: 'bytes=0-9' } });
  await range.arrayBuffer();
  const head = await fetch(url, { method: 'HEAD' });
  const put = await fetch(url, { method: 'PUT', body: 'overwritten' });
  await put.arrayBuffer();
  const list = await fetch(listUrl);
  await list.arrayBuffer();
  const wrong = await fetch(url, { headers: { Authorization: process.env.EMU_BAD_AUTHORIZATION } });
  await wrong.arrayBuffer();
  return {
    url,
    getStatus: get.status, getMd5: md5(getBody), getCrc: get.headers.get(crcHeader), getETag: get.headers.get('etag'),
    rangeStatus: range.status, rangeCrc: range.headers.get(crcHeader),
    headStatus: head.status, headCrc: head.headers.get(crcHeader),
    putStatus: put.status, listStatus: list.status, wrongSignatureStatus: wrong.status,
  };
}

module.exports = { config, body, md5, tempFile, run, anonymousRequests };
