// A TCP proxy that can stop forwarding without closing anything: what a paused PostgreSQL (SIGSTOP), a
// saturated disk or a network path that silently drops packets looks like from the portal. Connections
// stay open, nothing answers, and new connections are accepted but never reach the server.
import net from "node:net";

export interface FreezingProxy {
  port: number;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezingProxy(target: { host: string; port: number }): Promise<FreezingProxy> {
  let frozen = false;
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket }>();
  const waiting: (() => void)[] = [];

  const connectUpstream = (pair: { client: net.Socket; upstream?: net.Socket }) => {
    const upstream = net.connect(target);
    pair.upstream = upstream;
    pair.client.pipe(upstream).pipe(pair.client);
    const end = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on("error", end).on("close", end);
    pair.client.resume();
  };

  const server = net.createServer((client) => {
    const pair: { client: net.Socket; upstream?: net.Socket } = { client };
    pairs.add(pair);
    client.on("error", () => pair.upstream?.destroy()).on("close", () => (pair.upstream?.destroy(), pairs.delete(pair)));
    client.pause();
    if (frozen) waiting.push(() => connectUpstream(pair));
    else connectUpstream(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as net.AddressInfo).port,
    freeze() {
      frozen = true;
      // pause() stops reading; pipe() no longer drains, so bytes wait in the kernel buffers unanswered.
      for (const { client, upstream } of pairs) {
        client.pause();
        upstream?.pause();
        if (upstream) {
          client.unpipe(upstream);
          upstream.unpipe(client);
        }
      }
    },
    thaw() {
      frozen = false;
      for (const { client, upstream } of pairs) {
        if (!upstream) continue;
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.resume();
      }
      for (const connect of waiting.splice(0)) connect();
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
