/** People spreadsheets (exceljs): the import template, the import and the export. */
export { buildPeopleTemplate } from './xlsx-template.js';
export { buildPeopleWorkbook } from './xlsx-export.js';
export { parsePeopleWorkbook } from './xlsx-import.js';
