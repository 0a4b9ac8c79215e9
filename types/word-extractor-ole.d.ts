// word-extractor's allocation table (lib/ole-allocation-table.js), patched in lib/content/ingest/extract-doc.ts.
declare module "word-extractor/lib/ole-allocation-table.js" {
  export default class AllocationTable {
    _table: number[];
    getSecIdChain(startSecId: number): number[];
  }
}
