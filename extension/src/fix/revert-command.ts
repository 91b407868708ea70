/**
 * The shell command that puts one resource back to what Terraform declares:
 * `terraform apply -target='ADDRESS'`, single-quoted so `[` and `"` of an instance key reach Terraform
 * as they are (a `'` inside is closed, escaped and reopened, POSIX style).
 * @example revertCommand('kubernetes_deployment_v1.site["eu"]') // `terraform apply -target='kubernetes_deployment_v1.site["eu"]'`
 */
export function revertCommand(address: string): string {
  return `terraform apply -target='${address.replace(/'/g, `'\\''`)}'`;
}
