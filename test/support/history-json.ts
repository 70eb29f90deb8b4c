import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

type History = proto.temporal.api.history.v1.History;
interface ProtoJson {
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): History | null;
}
interface ReflectionRoot {
  lookupType(name: string): unknown;
}

/**
 * Parses a history as `temporal workflow show --output json` prints it. The SDK's own `historyFromJSON` fails
 * ("type must be a Type") when @temporalio/common and @temporalio/proto each get a nested copy of protobufjs, so
 * this parses with the copy that @temporalio/proto's types belong to.
 */
export function historyFromCliJson(json: unknown): History {
  const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the protobufjs copy next to @temporalio/proto
  const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
  const root = patchProtobufRoot(proto as unknown as Record<string, unknown>) as unknown as ReflectionRoot;
  const history = protojson.fromJson(root.lookupType('temporal.api.history.v1.History'), json, {
    ignoreUnknownFields: true,
  });
  if (!history) throw new TypeError('Not a workflow history');
  return history;
}
