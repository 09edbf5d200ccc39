'use strict';
// The emulator driven by Alibaba's own Node.js SDK (npm ali-oss), V1 or V4 signatures (EMU_SIGNATURE_VERSION).
// Each scenario prints what the SDK saw; VendorSdkTests asserts on it and on the emulator's store.
const OSS = require('ali-oss');
const { config, body, md5, tempFile, run, anonymousRequests } = require('./common');

const client = (overrides = {}) => new OSS({
  region: 'oss-' + config.region,
  accessKeyId: config.accessKeyId,
  accessKeySecret: config.secret,
  bucket: config.bucket,
  endpoint: config.endpoint,
  cname: true, // requests go to the endpoint as given, the signature still names the bucket
  secure: false,
  authorizationV4: config.signatureVersion === '4',
  retryMax: 0,
  timeout: 60000,
  ...overrides,
});

/** An SDK error as data: what a user's script would branch on. */
async function failure(promise) {
  try {
    const result = await promise;
    return { status: result.res && result.res.status, succeeded: true };
  } catch (e) {
    return { status: e.status, code: e.code, requestId: e.requestId };
  }
}

const crc = res => res.headers['x-oss-hash-crc64ecma'] || null;

const scenarios = {
  async 'put-head-get'() {
    const oss = client();
    const bytes = body(5000, 1);
    const put = await oss.put('sdk/put.bin', bytes, { mime: 'application/x-test', meta: { origin: 'ali-oss' } });
    const head = await oss.head('sdk/put.bin');
    const get = await oss.get('sdk/put.bin');
    return {
      sentMd5: md5(bytes),
      putStatus: put.res.status, putETag: put.res.headers.etag, putCrc: crc(put.res),
      headStatus: head.status, headETag: head.res.headers.etag, headCrc: crc(head.res), headLength: head.res.headers['content-length'],
      headType: head.res.headers['content-type'], headMeta: head.meta, lastModified: head.res.headers['last-modified'],
      getStatus: get.res.status, getMd5: md5(get.content), getCrc: crc(get.res),
    };
  },

  async range() {
    const oss = client();
    const bytes = body(1000, 2);
    await oss.put('sdk/range.bin', bytes);
    const ranged = await oss.get('sdk/range.bin', { headers: { Range: 'bytes=100-199' } });
    const endPast = await oss.get('sdk/range.bin', { headers: { Range: 'bytes=500-2000' } });
    const endPastStandard = await oss.get('sdk/range.bin', { headers: { Range: 'bytes=500-2000', 'x-oss-range-behavior': 'standard' } });
    const startPast = await oss.get('sdk/range.bin', { headers: { Range: 'bytes=1000-2000' } });
    const startPastStandard = await failure(oss.get('sdk/range.bin', { headers: { Range: 'bytes=1000-2000', 'x-oss-range-behavior': 'standard' } }));
    return {
      fullCrc: crc((await oss.head('sdk/range.bin')).res),
      rangedStatus: ranged.res.status, rangedContentRange: ranged.res.headers['content-range'], rangedMd5: md5(ranged.content),
      expectedRangeMd5: md5(bytes.subarray(100, 200)), rangedCrc: crc(ranged.res),
      endPastStatus: endPast.res.status, endPastLength: endPast.content.length,
      endPastStandardStatus: endPastStandard.res.status, endPastStandardContentRange: endPastStandard.res.headers['content-range'],
      startPastStatus: startPast.res.status, startPastLength: startPast.content.length,
      startPastStandard,
    };
  },

  async conditional() {
    const oss = client();
    await oss.put('sdk/conditional.bin', body(300, 3));
    const head = await oss.head('sdk/conditional.bin');
    const etag = head.res.headers.etag;
    const match = await oss.get('sdk/conditional.bin', { headers: { 'If-Match': etag } });
    const mismatch = await failure(oss.get('sdk/conditional.bin', { headers: { 'If-Match': '"0123456789ABCDEF0123456789ABCDEF"' } }));
    const notModified = await failure(oss.get('sdk/conditional.bin', { headers: { 'If-None-Match': etag } }));
    const headNotModified = await failure(oss.head('sdk/conditional.bin', { headers: { 'If-None-Match': etag } }));
    const sinceFuture = await failure(oss.get('sdk/conditional.bin', { headers: { 'If-Modified-Since': new Date(Date.now() + 86400000).toUTCString() } }));
    const unmodifiedPast = await failure(oss.get('sdk/conditional.bin', { headers: { 'If-Unmodified-Since': new Date(Date.now() - 86400000).toUTCString() } }));
    return { etag, matchStatus: match.res.status, mismatch, notModified, headNotModified, sinceFuture, unmodifiedPast };
  },

  async multipart() {
    const oss = client();
    const part1 = body(120 * 1024, 4);
    const part2 = body(5000, 5);
    const init = await oss.initMultipartUpload('sdk/multi.bin', { mime: 'application/x-multi', meta: { marker: 'crcbuildtools' } });
    const uploadsWhileOpen = await oss.listUploads({ prefix: 'sdk/' });
    const p1 = await oss.uploadPart('sdk/multi.bin', init.uploadId, 1, tempFile(part1), 0, part1.length);
    const p2 = await oss.uploadPart('sdk/multi.bin', init.uploadId, 2, tempFile(part2), 0, part2.length);
    const parts = await oss.listParts('sdk/multi.bin', init.uploadId);
    const complete = await oss.completeMultipartUpload('sdk/multi.bin', init.uploadId, [{ number: 1, etag: p1.etag }, { number: 2, etag: p2.etag }]);
    const head = await oss.head('sdk/multi.bin');
    const get = await oss.get('sdk/multi.bin');
    return {
      uploadId: init.uploadId,
      openUploads: uploadsWhileOpen.uploads,
      part1ETag: p1.etag, part2ETag: p2.etag, part1Md5: md5(part1), part2Md5: md5(part2),
      part1Crc: crc(p1.res), part2Crc: crc(p2.res),
      listedParts: parts.parts.map(p => ({ number: Number(p.PartNumber), etag: p.ETag, size: Number(p.Size), crc: p.HashCrc64ecma })),
      completeStatus: complete.res.status, completeETag: complete.etag || (complete.data && complete.data.ETag), completeCrc: crc(complete.res),
      headETag: head.res.headers.etag, headCrc: crc(head.res), headType: head.res.headers['content-type'], headMeta: head.meta,
      objectType: head.res.headers['x-oss-object-type'], getMd5: md5(get.content), sentMd5: md5(Buffer.concat([part1, part2])),
    };
  },

  async 'managed-multipart'() {
    // The SDK's own high-level upload (parallel parts, its own Content-MD5 and CRC handling).
    const oss = client();
    const bytes = body(350 * 1024, 6);
    const result = await oss.multipartUpload('sdk/managed.bin', tempFile(bytes), { partSize: 100 * 1024, parallel: 2 });
    const head = await oss.head('sdk/managed.bin');
    return { status: result.res.status, sentMd5: md5(bytes), headETag: head.res.headers.etag, headCrc: crc(head.res), length: Number(head.res.headers['content-length']) };
  },

  async abort() {
    const oss = client();
    const init = await oss.initMultipartUpload('sdk/aborted.bin');
    await oss.uploadPart('sdk/aborted.bin', init.uploadId, 1, tempFile(body(1000, 7)), 0, 1000);
    const aborted = await oss.abortMultipartUpload('sdk/aborted.bin', init.uploadId);
    const again = await failure(oss.abortMultipartUpload('sdk/aborted.bin', init.uploadId));
    const uploads = await oss.listUploads({ prefix: 'sdk/aborted' });
    return { abortStatus: aborted.res.status, again, remaining: uploads.uploads.length };
  },

  async list() {
    const oss = client();
    const keys = ['list/a.txt', 'list/b/1.txt', 'list/b/2.txt', 'list/c.txt', 'list/d e+f.txt', 'other/x.txt'];
    for (const key of keys) {
      await oss.put(key, body(10, 8));
    }
    const v1Pages = [];
    let marker;
    do {
      // Only defined parameters: ali-oss V4 signs an undefined query value as a bare key but leaves it out of the URL.
      const page = await oss.list(marker ? { prefix: 'list/', 'max-keys': 2, marker } : { prefix: 'list/', 'max-keys': 2 });
      v1Pages.push((page.objects || []).map(o => o.name));
      marker = page.isTruncated ? page.nextMarker : undefined;
    } while (marker && v1Pages.length < 10);
    const v2Pages = [];
    let token;
    do {
      const page = await oss.listV2(token ? { prefix: 'list/', 'max-keys': 2, 'continuation-token': token } : { prefix: 'list/', 'max-keys': 2 });
      v2Pages.push((page.objects || []).map(o => o.name));
      token = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (token && v2Pages.length < 10);
    const delimited = await oss.listV2({ prefix: 'list/', delimiter: '/' });
    const first = (await oss.list({ prefix: 'list/a' })).objects[0];
    return {
      v1Pages, v2Pages,
      delimitedKeys: delimited.objects.map(o => o.name), delimitedPrefixes: delimited.prefixes,
      firstETag: first.etag, firstSize: first.size, firstLastModified: first.lastModified,
    };
  },

  async 'list-uploads'() {
    const oss = client();
    const a = await oss.initMultipartUpload('pending/a.bin', { meta: { marker: 'crcbuildtools' } });
    const b = await oss.initMultipartUpload('pending/b.bin');
    const c = await oss.initMultipartUpload('elsewhere/c.bin');
    const all = await oss.listUploads({ prefix: 'pending/' });
    const page1 = await oss.listUploads({ prefix: 'pending/', 'max-uploads': 1 });
    const page2 = await oss.listUploads({ prefix: 'pending/', 'max-uploads': 1, 'key-marker': page1.nextKeyMarker, 'upload-id-marker': page1.nextUploadIdMarker });
    return { ids: [a.uploadId, b.uploadId, c.uploadId], all: all.uploads, page1: page1.uploads, page1Truncated: page1.isTruncated, page2: page2.uploads };
  },

  async delete() {
    const oss = client();
    await oss.put('sdk/doomed.bin', body(10, 9));
    const deleted = await oss.delete('sdk/doomed.bin');
    const headAfter = await failure(oss.head('sdk/doomed.bin'));
    const deletedAgain = await oss.delete('sdk/doomed.bin');
    return { deleteStatus: deleted.res.status, headAfter, deleteAgainStatus: deletedAgain.res.status };
  },

  async 'content-md5'() {
    const oss = client();
    const bytes = body(100, 10);
    const good = await oss.put('sdk/md5.bin', bytes, { headers: { 'Content-MD5': require('crypto').createHash('md5').update(bytes).digest('base64') } });
    const wrong = await failure(oss.put('sdk/md5-wrong.bin', bytes, { headers: { 'Content-MD5': 'AAAAAAAAAAAAAAAAAAAAAA==' } }));
    const malformed = await failure(oss.put('sdk/md5-bad.bin', bytes, { headers: { 'Content-MD5': 'not-base64' } }));
    return { goodStatus: good.res.status, wrong, malformed };
  },

  async 'not-implemented'() {
    const oss = client();
    const bytes = body(2000, 11);
    await oss.put('sdk/keep.bin', bytes);
    const init = await oss.initMultipartUpload('sdk/copy-target.bin');
    return {
      sentMd5: md5(bytes),
      acl: await failure(oss.putACL('sdk/keep.bin', 'public-read')),
      tagging: await failure(oss.putObjectTagging('sdk/keep.bin', { release: '1.0' })),
      copy: await failure(oss.copy('sdk/keep.bin', 'sdk/other.bin')),
      copyFrom: await failure(oss.copy('sdk/copied.bin', 'sdk/keep.bin')),
      partCopy: await failure(oss.uploadPartCopy('sdk/copy-target.bin', init.uploadId, 1, '0-999', { sourceKey: 'sdk/keep.bin', sourceBucketName: config.bucket })),
      deleteMulti: await failure(oss.deleteMulti(['sdk/keep.bin'])),
      append: await failure(oss.append('sdk/keep.bin', Buffer.from('more'))),
      getAcl: await failure(oss.getACL('sdk/keep.bin')),
      keptMd5: md5((await oss.get('sdk/keep.bin')).content),
    };
  },

  async anonymous() {
    const oss = client();
    await oss.put('sdk/public.bin', body(4000, 14));
    process.env.EMU_CRC_HEADER = 'x-oss-hash-crc64ecma';
    process.env.EMU_BAD_AUTHORIZATION = `OSS ${config.accessKeyId}:bm90LWEtc2lnbmF0dXJl`;
    // ali-oss builds no object URL for an IP endpoint, so ask it for the host name and point that at the emulator.
    const named = client({ endpoint: config.endpoint.replace('127.0.0.1', 'localhost') });
    const url = named.generateObjectUrl('sdk/public.bin', config.endpoint.replace('127.0.0.1', 'localhost')).replace('localhost', '127.0.0.1');
    return anonymousRequests(url, config.endpoint + '/?prefix=sdk/');
  },

  async 'wrong-secret'() {
    const oss = client({ accessKeySecret: 'not-the-secret' });
    return { put: await failure(oss.put('sdk/denied.bin', body(10, 12))), head: await failure(oss.head('sdk/denied.bin')) };
  },
};

run(scenarios);
