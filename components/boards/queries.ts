import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/client";
import type { BoardDto, BoardMemberDto, BoardSummaryDto } from "@/server/domain/dto";

export const boardsQuery = () =>
  queryOptions({
    queryKey: ["boards"] as const,
    queryFn: ({ signal }) => apiFetch<{ items: BoardSummaryDto[] }>("/boards", { signal }).then((r) => r.items),
  });

export const boardQuery = (slug: string) =>
  queryOptions({
    queryKey: ["board", slug] as const,
    queryFn: ({ signal }) => apiFetch<BoardDto>(`/boards/${encodeURIComponent(slug)}`, { signal }),
  });

export function useBoards() {
  return useQuery(boardsQuery());
}

export function useBoard(slug: string) {
  return useQuery(boardQuery(slug));
}

export interface CreateBoardBody {
  slug: string;
  name: string;
  covenant?: string;
  licence?: string;
  visibility?: "public" | "members";
}

export function useCreateBoard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBoardBody) => apiFetch<BoardSummaryDto>("/boards", { method: "POST", json: body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["boards"] });
      void qc.invalidateQueries({ queryKey: ["me"] });
    },
  });
}

/** Joining accepts the board's covenant; the viewer's role and the member count change. */
export function useJoinBoard(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<unknown>(`/boards/${encodeURIComponent(slug)}/members`, { method: "POST", json: {} }),
    onSuccess: () => {
      qc.setQueryData<BoardDto>(["board", slug], (b) => (b ? { ...b, myRole: b.myRole ?? "member", memberCount: b.memberCount + 1 } : b));
      void qc.invalidateQueries({ queryKey: ["board", slug] });
      void qc.invalidateQueries({ queryKey: ["me"] });
      void qc.invalidateQueries({ queryKey: ["boards"] });
    },
  });
}

/**
 * Leaving ends the viewer's membership: the role and the member count change. A members-only board is
 * not read again (it would answer 404): the page moves on.
 */
export function useLeaveBoard(board: Pick<BoardDto, "slug" | "visibility">) {
  const qc = useQueryClient();
  const slug = board.slug;
  return useMutation({
    mutationFn: () => apiFetch<void>(`/boards/${encodeURIComponent(slug)}/members/me`, { method: "DELETE" }),
    onSuccess: () => {
      qc.setQueryData<BoardDto>(["board", slug], (b) => (b ? { ...b, myRole: null, memberCount: Math.max(0, b.memberCount - 1) } : b));
      if (board.visibility === "public") void qc.invalidateQueries({ queryKey: ["board", slug] });
      void qc.invalidateQueries({ queryKey: ["me"] });
      void qc.invalidateQueries({ queryKey: ["boards"] });
    },
  });
}

/** Who is on the board: members only see it. Member events on the board's stream refresh it. */
export const boardMembersQuery = (slug: string) =>
  queryOptions({
    queryKey: ["board-members", slug] as const,
    queryFn: ({ signal }) =>
      apiFetch<{ items: BoardMemberDto[] }>(`/boards/${encodeURIComponent(slug)}/members`, { signal }).then((r) => r.items),
  });

export function useBoardMembers(slug: string, enabled: boolean) {
  return useQuery({ ...boardMembersQuery(slug), enabled });
}

/** A steward ends someone else's membership (never the last steward's: the API refuses). */
export function useRemoveMember(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiFetch<void>(`/boards/${encodeURIComponent(slug)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["board-members", slug] });
      void qc.invalidateQueries({ queryKey: ["board", slug] });
    },
  });
}
