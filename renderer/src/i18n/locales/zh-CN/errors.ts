import type { Localized } from '../localized';
import type { errors as en } from '../en/errors';

export const errors: Localized<typeof en> = {
  INVALID_ARGUMENT: '这个请求无效。',
  UNKNOWN_METHOD: '这个版本的后端不认识该操作。',
  NOT_FOUND: '未找到。',
  CONFLICT: '引擎因冲突而拒绝。',
  ENGINE_UNREACHABLE: '无法连接引擎。',
  ENGINE_ERROR: '引擎报告了一个错误。',
  CANCELLED: '已取消。',
  DISK_FULL: '磁盘已满。',
  PERMISSION_DENIED: '权限不足。',
  FILE_EXISTS: '同名文件已存在。',
  INVALID_ARCHIVE: '这个文件不是完整的镜像归档（被截断、已损坏，或是其他类型的文件）。',
  UNAUTHORIZED: '未授权。',
  INTERNAL: 'Lading 内部出错了。',
  details: '详情：{{message}}',
};
