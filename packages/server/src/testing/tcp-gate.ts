import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server (PostgreSQL, Redis) that a test controls: it cuts the connections
 * through it, as a restart or a network failure would, and holds new ones (accepted, their bytes kept,
 * nothing answered) until released, as a server that is still starting or out of reach does.
 */
export class TcpGate {
  private holding = false;
  private readonly waiting = new Set<{ client: Socket; chunks: Buffer[] }>();
  private readonly open = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** A gate on a free port of 127.0.0.1 leading to `target`. */
  static async open(target: { host: string; port: number }): Promise<TcpGate> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const gate = new TcpGate(server, target, (server.address() as { port: number }).port);
    server.on('connection', (client) => gate.accept(client));
    return gate;
  }

  /** `url` (postgres://…, redis://…) with its host and port replaced by the gate's. */
  static via(url: string, gate: TcpGate): string {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(gate.port);
    return through.toString();
  }

  /** New connections wait at the gate from now on. */
  hold() {
    this.holding = true;
  }

  /** Connections waiting at the gate now (those their client closed meanwhile are gone). */
  get held(): number {
    return this.waiting.size;
  }

  /** Lets the waiting connections through, with what their clients sent meanwhile, and every new one. */
  release() {
    this.holding = false;
    for (const held of this.waiting) this.relay(held.client, held.chunks);
    this.waiting.clear();
  }

  /** Cuts every connection through the gate (the waiting ones stay). */
  cut() {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  async close() {
    this.cut();
    for (const { client } of this.waiting) client.destroy();
    this.waiting.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket) {
    client.on('error', () => client.destroy());
    if (!this.holding) return this.relay(client, []);
    const held = { client, chunks: [] as Buffer[] };
    this.waiting.add(held);
    client.on('data', (chunk: Buffer) => held.chunks.push(chunk));
    client.once('close', () => this.waiting.delete(held));
  }

  private relay(client: Socket, chunks: Buffer[]) {
    if (client.destroyed) return;
    client.removeAllListeners('data');
    const upstream = connect(this.target.port, this.target.host);
    upstream.on('error', () => upstream.destroy());
    for (const chunk of chunks) upstream.write(chunk);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    this.open.add(client);
    this.open.add(upstream);
    client.once('close', () => this.open.delete(client));
    upstream.once('close', () => this.open.delete(upstream));
  }
}
