import { createRouter, createWebHistory } from "vue-router";
import { useSessionStore } from "./stores/session";

/** Client routes (history mode; the host answers them with index.html). Each screen is its own chunk. */
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", redirect: "/queue" },
    { path: "/sign-in", name: "sign-in", component: () => import("./views/SignInView.vue") },
    { path: "/queue", name: "queue", component: () => import("./views/QueueView.vue"), meta: { signedIn: true } },
    { path: "/customers", name: "customers", component: () => import("./views/CustomersView.vue"), meta: { signedIn: true } },
    { path: "/customers/:customerId", name: "customer", component: () => import("./views/CustomerDetailView.vue"), meta: { signedIn: true }, props: true },
    // One page, two addresses: the server's report decides whose figures it shows (a staff member's: their own).
    { path: "/team", name: "team", alias: "/mine", component: () => import("./views/TeamDashboardView.vue"), meta: { signedIn: true } },
    { path: "/playbook", name: "playbook", component: () => import("./views/PlaybookView.vue"), meta: { signedIn: true } },
    { path: "/campaigns", name: "campaigns", component: () => import("./views/CampaignsView.vue"), meta: { signedIn: true } },
    { path: "/segments", name: "segments", component: () => import("./views/SegmentsView.vue"), meta: { signedIn: true } },
    { path: "/operator", name: "operator", component: () => import("./views/OperatorView.vue") },
    { path: "/pool", name: "pool", component: () => import("./views/PendingPoolView.vue"), meta: { signedIn: true } },
    { path: "/tags", name: "tags", component: () => import("./views/TagCatalogView.vue"), meta: { signedIn: true } },
    { path: "/integrations", name: "integrations", component: () => import("./views/IntegrationsView.vue"), meta: { signedIn: true } },
    { path: "/:rest(.*)*", redirect: "/queue" },
  ],
});

router.beforeEach((to) => {
  const session = useSessionStore();
  if (to.meta.signedIn && !session.signedIn) return { name: "sign-in", query: to.fullPath === "/queue" ? {} : { next: to.fullPath } };
  if (to.name === "sign-in" && session.signedIn) return { name: "queue" };
});
