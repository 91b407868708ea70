import type { IacResource } from '../model.ts';

// gavinbunney/kubectl and alekc/kubectl apply a kubectl_manifest with kubectl's own apply code: its
// writes carry kubectl's manager names (`kubectl` for server-side apply, `kubectl-client-side-apply`
// or the provider's user agent otherwise; not verified per provider version). Both count as the IaC
// side's, so the provider's own writes never read as a person's.
const KUBECTL_PROVIDER_MANAGERS: readonly string[] = ['kubectl', 'kubectl-client-side-apply'];

// hashicorp/helm applies with Helm's client, whose manager is the base name of the running binary
// (helm/kube_resources.go: `filepath.Base(os.Args[0])`, e.g. `terraform-provider-helm_v3.0.2`); a release
// installed with the helm command line and then imported carries `helm`. Assumed for every version.
const HELM_PROVIDER_MANAGERS: readonly string[] = ['terraform-provider-helm*', 'helm'];

/**
 * The field managers the IaC side writes its object with: the resource's own `field_manager` when the
 * reader recorded one, else `Terraform` for a `kubernetes_manifest` (the provider's default
 * `field_manager.name`), kubectl's names for a `kubectl_manifest`, the Helm provider's for a
 * `helm_release`'s rendered objects (`*`: any run of characters), and `HashiCorp` for typed resources
 * (the manager the API server derives from the typed provider's user agent, `HashiCorp/1.0 Terraform/…`).
 *
 * @example
 * iacFieldManagers({ terraform_type: 'kubernetes_deployment_v1' }) // ['HashiCorp']
 */
export function iacFieldManagers(
  iac: Pick<IacResource, 'terraform_type' | 'field_manager'>,
): readonly string[] {
  if (iac.field_manager !== undefined && iac.field_manager !== '') return [iac.field_manager];
  if (iac.terraform_type === 'kubernetes_manifest') return ['Terraform'];
  if (iac.terraform_type === 'kubectl_manifest') return KUBECTL_PROVIDER_MANAGERS;
  if (iac.terraform_type === 'helm_release') return HELM_PROVIDER_MANAGERS;
  return ['HashiCorp'];
}
