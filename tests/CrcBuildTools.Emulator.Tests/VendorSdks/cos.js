'use strict';
// The emulator driven by Tencent's own Node.js SDK (npm cos-nodejs-sdk-v5). Each scenario prints what the SDK saw;
// VendorSdkTests asserts on it and on the emulator's store.
const COS = require('cos-nodejs-sdk-v5');
const fs = require('fs');
const path = require('path');
const { config, body, md5, tempFile, run, anonymousRequests } = require('./common');

const client = (overrides = {}) => new COS({
  SecretId: config.accessKeyId,
  SecretKey: config.secret,
  Protocol: 'http:',
  Domain: config.host, // requests go to the emulator as given; the bucket is named by the signature's host
  ChunkRetryTimes: 0,
  Timeout: 60000,
  ...overrides,
});

const at = { Bucket: config.bucket, Region: config.region };

/** An SDK error as data: what a user's script would branch on. */
async function failure(promise) {
  try {
    const result = await promise;
    // The SDK turns a 304 for If-Modified-Since into a result with NotModified instead of an error.
    return { status: result.statusCode, succeeded: true, notModified: result.NotModified === true };
  } catch (e) {
    return { status: e.statusCode, code: e.code, requestId: e.RequestId || (e.headers && e.headers['x-cos-request-id']) };
  }
}

const crc = result => (result.headers && result.headers['x-cos-hash-crc64ecma']) || null;

const scenarios = {
  async 'put-head-get'() {
    const cos = client();
    const bytes = body(5000, 1);
    const put = await cos.putObject({ ...at, Key: 'sdk/put.bin', Body: bytes, ContentType: 'application/x-test', Headers: { 'x-cos-meta-origin': 'cos-sdk' } });
    const head = await cos.headObject({ ...at, Key: 'sdk/put.bin' });
    const get = await cos.getObject({ ...at, Key: 'sdk/put.bin' });
    return {
      sentMd5: md5(bytes),
      putStatus: put.statusCode, putETag: put.ETag, putCrc: crc(put),
      headStatus: head.statusCode, headETag: head.ETag, headCrc: crc(head), headLength: head.headers['content-length'],
      headType: head.headers['content-type'], headMeta: { origin: head.headers['x-cos-meta-origin'] }, lastModified: head.headers['last-modified'],
      getStatus: get.statusCode, getMd5: md5(get.Body), getCrc: crc(get),
    };
  },

  async range() {
    const cos = client();
    const bytes = body(1000, 2);
    await cos.putObject({ ...at, Key: 'sdk/range.bin', Body: bytes });
    const ranged = await cos.getObject({ ...at, Key: 'sdk/range.bin', Range: 'bytes=100-199' });
    const endPast = await cos.getObject({ ...at, Key: 'sdk/range.bin', Range: 'bytes=500-2000' });
    const startPast = await failure(cos.getObject({ ...at, Key: 'sdk/range.bin', Range: 'bytes=1000-2000' }));
    return {
      fullCrc: crc(await cos.headObject({ ...at, Key: 'sdk/range.bin' })),
      rangedStatus: ranged.statusCode, rangedContentRange: ranged.headers['content-range'], rangedMd5: md5(ranged.Body),
      expectedRangeMd5: md5(bytes.subarray(100, 200)), rangedCrc: crc(ranged),
      endPastStatus: endPast.statusCode, endPastContentRange: endPast.headers['content-range'], endPastLength: endPast.Body.length,
      startPast,
    };
  },

  async 'download-file'() {
    // The SDK's own parallel ranged download: it checks every range's CRC header against HEAD's, so a range CRC
    // (instead of the whole object's) would fail it with ObjectHasChanged.
    const cos = client();
    const bytes = body(3 * 1024 * 1024 + 4321, 13);
    await cos.putObject({ ...at, Key: 'sdk/download.bin', Body: bytes });
    const target = path.join(path.dirname(tempFile(Buffer.alloc(0))), 'downloaded.bin');
    const result = await cos.downloadFile({ ...at, Key: 'sdk/download.bin', FilePath: target, ChunkSize: 1024 * 1024, ParallelLimit: 3 });
    return { status: result.statusCode, sentMd5: md5(bytes), downloadedMd5: md5(fs.readFileSync(target)) };
  },

  async conditional() {
    const cos = client();
    await cos.putObject({ ...at, Key: 'sdk/conditional.bin', Body: body(300, 3) });
    const head = await cos.headObject({ ...at, Key: 'sdk/conditional.bin' });
    const etag = head.ETag;
    const match = await cos.getObject({ ...at, Key: 'sdk/conditional.bin', IfMatch: etag });
    const mismatch = await failure(cos.getObject({ ...at, Key: 'sdk/conditional.bin', IfMatch: '"0123456789abcdef0123456789abcdef"' }));
    const notModified = await failure(cos.getObject({ ...at, Key: 'sdk/conditional.bin', IfNoneMatch: etag }));
    const headNotModified = await failure(cos.headObject({ ...at, Key: 'sdk/conditional.bin', IfNoneMatch: etag }));
    const sinceFuture = await failure(cos.getObject({ ...at, Key: 'sdk/conditional.bin', IfModifiedSince: new Date(Date.now() + 86400000).toUTCString() }));
    const unmodifiedPast = await failure(cos.getObject({ ...at, Key: 'sdk/conditional.bin', IfUnmodifiedSince: new Date(Date.now() - 86400000).toUTCString() }));
    return { etag, matchStatus: match.statusCode, mismatch, notModified, headNotModified, sinceFuture, unmodifiedPast };
  },

  async multipart() {
    const cos = client();
    const part1 = body(1024 * 1024 + 100, 4);
    const part2 = body(5000, 5);
    const init = await cos.multipartInit({ ...at, Key: 'sdk/multi.bin', ContentType: 'application/x-multi', Headers: { 'x-cos-meta-marker': 'crcbuildtools' } });
    const uploadsWhileOpen = await cos.multipartList({ ...at, Prefix: 'sdk/' });
    const p1 = await cos.multipartUpload({ ...at, Key: 'sdk/multi.bin', UploadId: init.UploadId, PartNumber: 1, Body: part1 });
    const p2 = await cos.multipartUpload({ ...at, Key: 'sdk/multi.bin', UploadId: init.UploadId, PartNumber: 2, Body: part2 });
    const parts = await cos.multipartListPart({ ...at, Key: 'sdk/multi.bin', UploadId: init.UploadId });
    const complete = await cos.multipartComplete({ ...at, Key: 'sdk/multi.bin', UploadId: init.UploadId, Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] });
    const head = await cos.headObject({ ...at, Key: 'sdk/multi.bin' });
    const get = await cos.getObject({ ...at, Key: 'sdk/multi.bin' });
    return {
      uploadId: init.UploadId,
      openUploads: (uploadsWhileOpen.Upload || []).map(u => ({ name: u.Key, uploadId: u.UploadId, initiated: u.Initiated })),
      part1ETag: p1.ETag, part2ETag: p2.ETag, part1Md5: md5(part1), part2Md5: md5(part2), part1Crc: crc(p1), part2Crc: crc(p2),
      listedParts: (parts.Part || []).map(p => ({ number: Number(p.PartNumber), etag: p.ETag, size: Number(p.Size), crc: p.HashCrc64ecma || null })),
      completeStatus: complete.statusCode, completeETag: complete.ETag, completeCrc: crc(complete),
      headETag: head.ETag, headCrc: crc(head), headType: head.headers['content-type'], headMeta: { marker: head.headers['x-cos-meta-marker'] },
      getMd5: md5(get.Body), sentMd5: md5(Buffer.concat([part1, part2])),
    };
  },

  async 'managed-multipart'() {
    // The SDK's own high-level upload (sliceUploadFile: parallel parts, its own checks).
    const cos = client();
    const bytes = body(3 * 1024 * 1024 + 777, 6);
    const result = await cos.sliceUploadFile({ ...at, Key: 'sdk/managed.bin', FilePath: tempFile(bytes), ChunkSize: 1024 * 1024, AsyncLimit: 2 });
    const head = await cos.headObject({ ...at, Key: 'sdk/managed.bin' });
    return { status: result.statusCode, sentMd5: md5(bytes), headETag: head.ETag, headCrc: crc(head), length: Number(head.headers['content-length']) };
  },

  async abort() {
    const cos = client();
    const init = await cos.multipartInit({ ...at, Key: 'sdk/aborted.bin' });
    await cos.multipartUpload({ ...at, Key: 'sdk/aborted.bin', UploadId: init.UploadId, PartNumber: 1, Body: body(1000, 7) });
    const aborted = await cos.multipartAbort({ ...at, Key: 'sdk/aborted.bin', UploadId: init.UploadId });
    const again = await failure(cos.multipartAbort({ ...at, Key: 'sdk/aborted.bin', UploadId: init.UploadId }));
    const uploads = await cos.multipartList({ ...at, Prefix: 'sdk/aborted' });
    return { abortStatus: aborted.statusCode, again, remaining: (uploads.Upload || []).length };
  },

  async list() {
    const cos = client();
    const keys = ['list/a.txt', 'list/b/1.txt', 'list/b/2.txt', 'list/c.txt', 'list/d e+f.txt', 'other/x.txt'];
    for (const key of keys) {
      await cos.putObject({ ...at, Key: key, Body: body(10, 8) });
    }
    const v1Pages = [];
    let marker = '';
    do {
      const page = await cos.getBucket({ ...at, Prefix: 'list/', MaxKeys: 2, Marker: marker });
      v1Pages.push((page.Contents || []).map(o => o.Key));
      marker = page.IsTruncated === 'true' ? page.NextMarker : '';
    } while (marker && v1Pages.length < 10);
    const delimited = await cos.getBucket({ ...at, Prefix: 'list/', Delimiter: '/' });
    const first = (await cos.getBucket({ ...at, Prefix: 'list/a' })).Contents[0];
    const v2 = await failure(cos.request({ ...at, Method: 'GET', Query: { 'list-type': '2' } }));
    return {
      v1Pages,
      delimitedKeys: (delimited.Contents || []).map(o => o.Key), delimitedPrefixes: (delimited.CommonPrefixes || []).map(p => p.Prefix),
      firstETag: first.ETag, firstSize: Number(first.Size), firstLastModified: first.LastModified,
      v2,
    };
  },

  async 'list-uploads'() {
    const cos = client();
    const a = await cos.multipartInit({ ...at, Key: 'pending/a.bin', Headers: { 'x-cos-meta-marker': 'crcbuildtools' } });
    const b = await cos.multipartInit({ ...at, Key: 'pending/b.bin' });
    const c = await cos.multipartInit({ ...at, Key: 'elsewhere/c.bin' });
    const map = r => (r.Upload || []).map(u => ({ name: u.Key, uploadId: u.UploadId, initiated: u.Initiated }));
    const all = await cos.multipartList({ ...at, Prefix: 'pending/' });
    const page1 = await cos.multipartList({ ...at, Prefix: 'pending/', MaxUploads: 1 });
    const page2 = await cos.multipartList({ ...at, Prefix: 'pending/', MaxUploads: 1, KeyMarker: page1.NextKeyMarker, UploadIdMarker: page1.NextUploadIdMarker });
    return { ids: [a.UploadId, b.UploadId, c.UploadId], all: map(all), page1: map(page1), page1Truncated: page1.IsTruncated === 'true', page2: map(page2) };
  },

  async delete() {
    const cos = client();
    await cos.putObject({ ...at, Key: 'sdk/doomed.bin', Body: body(10, 9) });
    const deleted = await cos.deleteObject({ ...at, Key: 'sdk/doomed.bin' });
    const headAfter = await failure(cos.headObject({ ...at, Key: 'sdk/doomed.bin' }));
    const deletedAgain = await cos.deleteObject({ ...at, Key: 'sdk/doomed.bin' });
    return { deleteStatus: deleted.statusCode, headAfter, deleteAgainStatus: deletedAgain.statusCode };
  },

  async 'content-md5'() {
    const cos = client();
    const bytes = body(100, 10);
    const good = await cos.putObject({ ...at, Key: 'sdk/md5.bin', Body: bytes, ContentMD5: require('crypto').createHash('md5').update(bytes).digest('base64') });
    const wrong = await failure(cos.putObject({ ...at, Key: 'sdk/md5-wrong.bin', Body: bytes, ContentMD5: 'AAAAAAAAAAAAAAAAAAAAAA==' }));
    const malformed = await failure(cos.putObject({ ...at, Key: 'sdk/md5-bad.bin', Body: bytes, ContentMD5: 'not-base64' }));
    return { goodStatus: good.statusCode, wrong, malformed };
  },

  async 'not-implemented'() {
    const cos = client();
    const bytes = body(2000, 11);
    await cos.putObject({ ...at, Key: 'sdk/keep.bin', Body: bytes });
    const init = await cos.multipartInit({ ...at, Key: 'sdk/copy-target.bin' });
    const source = `${config.bucket}.cos.${config.region}.myqcloud.com/sdk/keep.bin`;
    return {
      sentMd5: md5(bytes),
      acl: await failure(cos.putObjectAcl({ ...at, Key: 'sdk/keep.bin', ACL: 'public-read' })),
      tagging: await failure(cos.putObjectTagging({ ...at, Key: 'sdk/keep.bin', Tags: [{ Key: 'release', Value: '1.0' }] })),
      copy: await failure(cos.putObjectCopy({ ...at, Key: 'sdk/keep.bin', CopySource: `${config.bucket}.cos.${config.region}.myqcloud.com/sdk/other.bin` })),
      copyFrom: await failure(cos.putObjectCopy({ ...at, Key: 'sdk/copied.bin', CopySource: source })),
      partCopy: await failure(cos.uploadPartCopy({ ...at, Key: 'sdk/copy-target.bin', UploadId: init.UploadId, PartNumber: 1, CopySource: source, CopySourceRange: 'bytes=0-999' })),
      deleteMulti: await failure(cos.deleteMultipleObject({ ...at, Objects: [{ Key: 'sdk/keep.bin' }] })),
      append: await failure(cos.appendObject({ ...at, Key: 'sdk/keep.bin', Position: 2000, Body: Buffer.from('more') })),
      getAcl: await failure(cos.getObjectAcl({ ...at, Key: 'sdk/keep.bin' })),
      keptMd5: md5((await cos.getObject({ ...at, Key: 'sdk/keep.bin' })).Body),
    };
  },

  async anonymous() {
    const cos = client();
    await cos.putObject({ ...at, Key: 'sdk/public.bin', Body: body(4000, 14) });
    process.env.EMU_CRC_HEADER = 'x-cos-hash-crc64ecma';
    process.env.EMU_BAD_AUTHORIZATION = `q-sign-algorithm=sha1&q-ak=${config.accessKeyId}&q-sign-time=1;9999999999&q-key-time=1;9999999999&q-header-list=host&q-url-param-list=&q-signature=0000`;
    const url = cos.getObjectUrl({ ...at, Key: 'sdk/public.bin', Sign: false });
    return anonymousRequests(url, config.endpoint + '/?prefix=sdk/');
  },

  async 'wrong-secret'() {
    const cos = client({ SecretKey: 'not-the-secret' });
    return { put: await failure(cos.putObject({ ...at, Key: 'sdk/denied.bin', Body: body(10, 12) })), head: await failure(cos.headObject({ ...at, Key: 'sdk/denied.bin' })) };
  },
};

run(scenarios);
