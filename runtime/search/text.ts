/**
 * Text processing shared by the tool index at index and query time: tokenizing, stop words, a small
 * English stemmer, and query expansion with synonyms of the words people use for API actions.
 */

/** Words that carry no meaning for choosing a tool (slugs hold A, AN, THE, FOR too). */
const stopWords = new Set([
  'a', 'an', 'the', 'in', 'on', 'of', 'to', 'for', 'from', 'with', 'about', 'at', 'by', 'our', 'your', 'their',
  'this', 'that', 'these', 'those', 'please', 'want', 'would', 'like', 'could', 'can', 'you', 'it', 'its', 'is', 'are',
  'be', 'been', 'was', 'were', 'some', 'any', 'and', 'or', 'into', 'as', 'do', 'does', 'did', 'so', 'we', 'us',
  'need', 'needs', 'let', 'lets', 'just', 'there', 'which', 'what', 'how', 'using', 'via', 'then', 'also', 'should',
  'will', 'shall', 'may', 'might', 'has', 'have', 'had', 'them', 'they', 'he', 'she', 'his', 'her', 'him', 'if',
  'when', 'where', 'one', 'up', 'out', 'whether', 'e', 'g', 'eg', 'etc', 'i', 'im', 'id',
]);

/** Words the stemmer must leave alone (they would collide with other words when stripped). */
const keepWords = new Set(['news', 'status', 'https', 'always', 'analysis', 'access', 'address', 'process', 'class', 'alias', 'canvas', 'bus', 'gas', 'yes', 'this', 'its', 'us', 'sms', 'dns', 'aws', 'series']);

/** Splits camelCase, snake_case, kebab-case, paths and punctuation into lower-case words. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

const doubledToSingle = /([bgmnprt])\1$/;

/** A light suffix stripper: enough to join issue/issues, create/created/creating, star/starred. */
export function stem(word: string): string {
  if (word.length <= 3 || keepWords.has(word) || /^[0-9]+$/.test(word)) return word;
  let result = word;
  if (result.endsWith("'s")) result = result.slice(0, -2);
  if (result.endsWith('sses')) result = result.slice(0, -2);
  else if (result.endsWith('ies') && result.length > 4) result = result.slice(0, -3) + 'y';
  else if (result.endsWith('s') && !result.endsWith('ss') && !result.endsWith('us') && !result.endsWith('is')) {
    result = result.slice(0, -1);
  }
  let stripped = false;
  if (result.endsWith('ing') && result.length >= 6 && /[aeiouy]/.test(result.slice(0, -3))) {
    result = result.slice(0, -3);
    stripped = true;
  } else if (result.endsWith('ed') && result.length >= 5 && /[aeiouy]/.test(result.slice(0, -2))) {
    result = result.slice(0, -2);
    stripped = true;
  }
  if (stripped && doubledToSingle.test(result)) result = result.slice(0, -1);
  if (result.endsWith('e') && result.length > 3) result = result.slice(0, -1);
  return result;
}

/** Index-time term processing: drop stop words, stem the rest. */
export function processIndexTerm(term: string): string | null {
  const word = term.toLowerCase();
  if (word.length === 0 || isStopWord(word)) return null;
  return stem(word);
}

/**
 * Synonyms: a word in a task → words the tool descriptions use. Keys and values are plain words;
 * both are stemmed when used. A value may hold several words (all added).
 */
const synonyms: Record<string, readonly string[]> = {
  open: ['create', 'new'],
  new: ['create'],
  make: ['create'],
  add: ['create', 'add'],
  start: ['create'],
  raise: ['create'],
  file: ['file', 'create'],
  submit: ['create'],
  write: ['create', 'post'],
  compose: ['create', 'draft'],
  draft: ['draft'],
  log: ['create'],
  register: ['create'],
  send: ['send', 'post', 'create'],
  post: ['post', 'send', 'create'],
  say: ['post', 'message'],
  tell: ['post', 'message'],
  notify: ['post', 'message', 'send'],
  announce: ['post', 'message'],
  ping: ['post', 'message'],
  dm: ['message', 'post'],
  msg: ['message'],
  message: ['message', 'post', 'chat'],
  chat: ['message', 'post'],
  email: ['email', 'mail', 'message', 'gmail'],
  mail: ['email', 'message', 'gmail'],
  inbox: ['message', 'email', 'gmail'],
  get: ['get', 'retrieve'],
  fetch: ['get', 'retrieve'],
  retrieve: ['get'],
  show: ['get', 'list'],
  read: ['get', 'retrieve', 'list'],
  view: ['get'],
  see: ['get', 'list'],
  display: ['get'],
  look: ['get', 'search'],
  lookup: ['get', 'search'],
  check: ['get'],
  details: ['get'],
  info: ['get'],
  information: ['get'],
  find: ['search', 'get', 'list'],
  search: ['search', 'find', 'query'],
  query: ['search', 'query'],
  which: ['list'],
  list: ['list'],
  all: ['list'],
  enumerate: ['list'],
  browse: ['list'],
  every: ['list'],
  delete: ['delete', 'remove'],
  remove: ['delete', 'remove'],
  erase: ['delete'],
  trash: ['delete', 'trash'],
  destroy: ['delete'],
  drop: ['delete'],
  cancel: ['cancel', 'delete'],
  update: ['update', 'edit'],
  edit: ['update'],
  modify: ['update'],
  change: ['update'],
  rename: ['update'],
  set: ['update', 'set'],
  close: ['update', 'close'],
  reopen: ['update'],
  archive: ['update', 'archive'],
  repo: ['repository'],
  repos: ['repository'],
  repository: ['repo'],
  pr: ['pull', 'request'],
  prs: ['pull', 'request'],
  bookmark: ['star'],
  favorite: ['star'],
  favourite: ['star'],
  unstar: ['unstar', 'star', 'delete'],
  reply: ['reply', 'comment', 'respond'],
  respond: ['reply', 'comment'],
  answer: ['reply', 'comment'],
  comment: ['comment', 'reply'],
  react: ['reaction', 'add'],
  emoji: ['reaction', 'emoji'],
  thumbs: ['reaction'],
  channel: ['channel', 'conversation'],
  channels: ['channel', 'conversation'],
  room: ['channel', 'conversation'],
  upload: ['upload', 'file'],
  attach: ['upload', 'file', 'attachment'],
  download: ['download', 'get', 'file', 'attachment'],
  attachment: ['attachment', 'file'],
  ticket: ['ticket'],
  case: ['ticket'],
  doc: ['page', 'document'],
  document: ['page', 'document'],
  note: ['page', 'note'],
  wiki: ['page'],
  table: ['database'],
  headline: ['top', 'story'],
  headlines: ['top', 'story'],
  trending: ['top', 'best'],
  popular: ['top', 'best'],
  person: ['user'],
  people: ['user'],
  member: ['user', 'member'],
  members: ['user', 'member'],
  profile: ['user'],
  who: ['user', 'profile'],
  me: ['authenticated', 'user', 'profile'],
  myself: ['authenticated'],
  am: ['authenticated', 'profile'],
  my: ['authenticated'],
  history: ['history', 'message'],
  conversation: ['conversation', 'channel'],
  sms: ['message'],
  text: ['message'],
  deploy: ['deployment'],
  invoice: ['invoice'],
  bill: ['invoice', 'charge'],
  pay: ['payment'],
  refund: ['refund'],
  subscribe: ['subscription'],
  folder: ['folder'],
  label: ['label'],
  tag: ['label', 'tag'],
  assign: ['assignee', 'assign'],
  contents: ['content'],
  content: ['content'],
  code: ['content', 'code'],
  task: ['task', 'issue'],
  bug: ['issue'],
  issue: ['issue'],
  website: ['site'],
  hn: ['hacker', 'news'],
};

/** One query term with its weight (1 for the words written, less for the words added). */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

const synonymWeight = 0.45;

/** Query → stemmed terms, each with a weight; words written keep weight 1, synonyms add lower-weight terms. */
export function expandQuery(query: string): WeightedTerm[] {
  const weights = new Map<string, number>();
  const put = (term: string, weight: number): void => {
    const previous = weights.get(term) ?? 0;
    if (weight > previous) weights.set(term, weight);
  };
  const words = splitWords(query);
  for (const word of words) {
    const related = synonyms[word];
    if (!isStopWord(word)) put(stem(word), 1);
    for (const synonym of related ?? []) {
      for (const part of splitWords(synonym)) put(stem(part), synonymWeight);
    }
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}
