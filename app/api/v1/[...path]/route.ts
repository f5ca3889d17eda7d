import { api } from "@/server/http/handler";
import { DomainError } from "@/server/domain/errors";

// Unknown API paths answer the API's own error shape, not an HTML page.
const notFound = api(async () => {
  throw new DomainError("NOT_FOUND", "No such API endpoint");
});
export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
