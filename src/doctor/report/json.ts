// The --json output: the DoctorReport as-is, described by schema/doctor-report.schema.json.
import type { DoctorReport } from '../types.js';

export const DOCTOR_REPORT_SCHEMA_PATH = 'schema/doctor-report.schema.json';

export function renderJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
