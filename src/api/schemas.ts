// The routes' schemas live in the shared contract; this module keeps older imports working.
export * from '../contract/index.js';
