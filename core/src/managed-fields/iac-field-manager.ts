import type { IacResource } from '../model.ts';

/**
 * The field manager the IaC side writes its object with: the resource's own `field_manager` when the
 * reader recorded one, else `Terraform` for a `kubernetes_manifest` (the provider's default
 * `field_manager.name`) and `HashiCorp` for typed resources (the manager the API server derives from
 * the typed provider's user agent, `HashiCorp/1.0 Terraform/…`).
 *
 * @example
 * iacFieldManager({ terraform_type: 'kubernetes_deployment_v1', … }) // 'HashiCorp'
 */
export function iacFieldManager(iac: Pick<IacResource, 'terraform_type' | 'field_manager'>): string {
  if (iac.field_manager !== undefined && iac.field_manager !== '') return iac.field_manager;
  return iac.terraform_type === 'kubernetes_manifest' ? 'Terraform' : 'HashiCorp';
}
