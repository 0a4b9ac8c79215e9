/** Public API of the Chinese clause-level relevance pipeline (pure, in-memory). */
export { normalizeText, normalizeArticleNumbers, toChineseNumber, fromChineseNumber, sectionLabel } from './normalize';
export { textFeatures, charBigrams, jiebaWords, stripQueryStopPhrases, addJiebaWords, QUERY_STOP_PHRASES } from './tokenize';
export { DEFAULT_SYNONYM_GROUPS, mergeSynonymGroups, parseSynonymText, expandQuery, type SynonymGroup } from './synonyms';
export { analyzeQuery, type AnalyzedQuery, type AnalyzerOptions } from './analyze';
export {
  buildIndex, search, exportRows, DEFAULT_RANKER_OPTIONS,
  type SectionInput, type RankerOptions, type RelevanceIndex, type SearchOptions, type SearchResponse, type SearchResult,
} from './ranker';
export { decideDeflection, deflectionFeatures, judgeResults, DEFAULT_DEFLECTION, type DeflectionOptions, type DeflectionFeatures, type ResultState } from './deflection';
