// A domain entry point (@ambidex/platform/canonical-json): the pure serialisation signatures and the audit chain hash.
export { canonicalJson } from '../audit/audit-chain';
