export * from './directory-types';
export { Directory } from './directory';
export { DirectoryValidationError, parseDirectory, validateDirectory } from './validate-directory';
