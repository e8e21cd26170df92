// Minimal declarations for the benchmark's baseline peer (PouchDB and express ship no types).
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';
  interface App {
    use(handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): void;
    use(path: string, handler: unknown): void;
    listen(port: number, host: string, cb: () => void): Server;
  }
  const express: () => App;
  export default express;
}
declare module 'express-pouchdb' {
  const expressPouchDB: (pouch: unknown, options: Record<string, unknown>) => unknown;
  export default expressPouchDB;
}
declare module 'pouchdb-core' {
  interface Database {
    bulkDocs(docs: Record<string, unknown>[]): Promise<unknown>;
    put(doc: Record<string, unknown>): Promise<unknown>;
    info(): Promise<{ doc_count: number }>;
    replicate: { to(target: string | Database): Promise<{ docs_written: number }> & { cancel(): void } };
  }
  interface PouchDBStatic {
    new (name: string, options?: Record<string, unknown>): Database;
    plugin(p: unknown): PouchDBStatic;
    defaults(options: Record<string, unknown>): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
